"""The clerk's window console: call, serve, finish, transfer; a pure controller, a thin Kivy shell."""
