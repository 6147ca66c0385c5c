"""`hallq web`: the citizen's phone gateway (ASGI, server-rendered, Server-Sent Events).

One more bus client with the role `web`; the queue server stays the one authority.
"""
