"""Documents a customer receives, rendered from the application's views: HTML and PDF."""
