"""The demo journal: sample films, critics, readers, reviews and comments for an empty site.

``content`` holds the data (facts and original prose written for Marquee); ``loader`` writes it
through the apps' services. Run it with ``marquee demo``.
"""
