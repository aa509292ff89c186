"""The core every platform uses unchanged: session, auth, retries, errors, uploads, downloads, images, bulk."""
