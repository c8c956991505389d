"""The monitoring mechanism: what news alone cannot carry.

Parties, monitors and the public submit alleged violations of an agreement; monitors investigate them and
draft findings; the chair rules (substantiated, not substantiated, unable to verify) and publishes; the
hotline log and joint patrol reports sit beside them; an agreement's terms (prohibited acts, zones, the
moment it took effect) are data against which incidents from reports are checked. Every write is appended
to a hash-chained audit log. Accounts have roles, and every check of who may do what lives in
:mod:`ceasefire.mechanism.access`; the CLI and the web layer only call this package.

Modules: ``vocabulary`` (categories, states, roles), ``accounts`` (passwords and sessions), ``access``
(the role matrix), ``audit`` (the hash chain), ``allegations`` (submission and verification), ``files``
(attachments), ``logbook`` (hotline and patrols), ``terms`` (agreement terms and incident checks),
``reports`` (claimed versus verified, the periodic report).
"""
