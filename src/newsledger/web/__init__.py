"""The web pages of ``newsledger serve``: Jinja2 templates over the library's read API.

Pages are thin: each route asks ``newsledger``'s read functions for what it shows and
renders a template. Article text reaches the HTML only escaped (``highlight``); charts are
drawn on the server (``chart``); htmx and the stylesheet are shipped in ``static/`` and
served by the app itself, so nothing is fetched from elsewhere at run time. Writes (merge,
split, link, upload) need a session set from the server's token and pass a same-origin
check (``session``).
"""
