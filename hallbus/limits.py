"""The sizes the hall's bus holds to, in one place: the broker's config is written from them
(provisioning/broker_conf.py), the server keeps its answers under them, apps drop what exceeds them.

An attack on a provisioned hall published 100 MB to the broker and retained 10 MB on a kiosk's
presence topic; both were accepted, stored and delivered.
"""

from __future__ import annotations

from hallbus.envelope import MAX_PAYLOAD

MAX_REQUEST = MAX_PAYLOAD  # 64 KiB: the server refuses a bigger request anyway
# message_size_limit at the broker: any publish over it is dropped. Four requests' worth, so the
# server's answers and retained states (a large catalog, a day's evaluations) fit under it
MAX_MESSAGE = 4 * MAX_REQUEST
# max_packet_size: the topic and headers on top; a client sending a bigger packet is disconnected
# before the broker reads the payload into memory (message_size_limit alone reads it all first)
MAX_PACKET = MAX_MESSAGE + 4096
# a presence is {"online": ..., health}: a few hundred bytes; apps ignore a bigger one
MAX_PRESENCE = 4096
# max_queued_bytes per client: bounds what the broker holds for a slow or away client (the server's
# persistent session above all) to 8 MiB, about 25,000 ordinary requests, whatever size they claim
MAX_QUEUED_BYTES = 8 * 1024 * 1024
