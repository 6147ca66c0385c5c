"""The hall bus contract: topics, envelopes, the op table, payload models, roles and error codes.

Every process of the hall imports this package; nothing here touches the network.
The MQTT transport lives in `hallbus.mqtt`, which is the only module that imports paho.
"""

PROTOCOL_VERSION = 1
