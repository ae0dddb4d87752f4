"""The programme view: many parks side by side from site folders or the history store (``eipassess portfolio``).

Modules: ``entries`` (one light entry per stored or assessed record), ``select`` (the round shown per
park), ``groups`` (peer groups and filters), ``support`` (type of technical assistance per requirement),
``build`` (the view model with aggregates), and the writers ``text``, ``tables``, ``dashboard``, ``printed``.
"""
