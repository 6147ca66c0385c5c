"""The certificate a broker's TLS listener offers now (for expiry checks, not for trust).

The handshake does not verify: an expired or unknown certificate must still be read to be
reported. Nothing is sent over the connection; it closes right after the handshake.
"""

from __future__ import annotations

import socket
import ssl


def served_certificate(host: str, port: int, timeout: float = 5.0) -> bytes:
    """The DER bytes of the certificate offered at host:port; OSError (ssl.SSLError too) if none."""
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    ctx.check_hostname = False
    ctx.verify_mode = ssl.CERT_NONE
    with socket.create_connection((host, port), timeout) as raw, ctx.wrap_socket(raw, server_hostname=host) as tls:
        der = tls.getpeercert(binary_form=True)
    if not der:
        raise OSError(f"{host}:{port} offered no certificate")
    return der
