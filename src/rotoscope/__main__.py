"""``python -m rotoscope``: the same command line as the ``rotoscope`` script."""

from rotoscope.cli import main

if __name__ == "__main__":
    main()
