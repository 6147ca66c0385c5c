from hallq.cli import main

raise SystemExit(main())
