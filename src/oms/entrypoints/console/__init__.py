"""The back-office console: server-rendered pages under /console, in the same Flask app as the API.

An entrypoint like the HTTP API and the CLI: its forms are made from the action tables and hand commands to the
application, its pages show the same read models the API answers (rendered by the same converter, so numbers read
the same), and it holds no business rule. Operators sign in as users (`oms user create`); every form carries a
CSRF token (flask-wtf). It works with JavaScript off; a little script asks before cancelling. `register_console`
(in `app`) puts it on the API's Flask app.
"""

