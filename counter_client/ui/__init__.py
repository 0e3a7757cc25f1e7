"""The counter's desktop app (PySide6): the only package of ours that imports Qt.

`counter_client.ui.app.run()` opens it (`trm-counter` with no arguments). Screens are thin: they
call the journal, the sync engine, the login service and the devices through
`counter_client.ui.services.Services`, always on a worker lane (`counter_client.ui.ops`).
"""
