"""The citizen's touch-screen kiosk: a pure controller, thin Kivy screens, device ports."""
