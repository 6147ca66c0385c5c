# Kivy ships no type information. These stubs are the app code's boundary with it: the classes
# the apps subclass, each open to any attribute (Kivy makes its properties at run time, from
# `.kv` rules too), and the module-level singletons, typed Any on purpose.
