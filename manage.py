#!/usr/bin/env python
"""Django's manage.py; ``marquee`` is the same thing installed as a command."""

from marquee.__main__ import main

if __name__ == "__main__":
    main()
