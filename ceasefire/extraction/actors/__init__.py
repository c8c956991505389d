"""Actors under the names the spec wants: ``stage`` finds states, armed groups, organisations and media
through one table of surface forms; ``states`` gives every country of the world, ``organisations``
the bodies no table lists, ``people`` the persons named and their offices."""
