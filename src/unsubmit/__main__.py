"""``python -m unsubmit``: the same entry point as the ``unsubmit`` command."""

from unsubmit.cli import main

if __name__ == "__main__":
    main()
