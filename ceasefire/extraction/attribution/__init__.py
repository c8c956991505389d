"""Who said what: ``quotes`` finds direct quotes, ``speakers`` the person or body each is credited to."""
