"""Entry script of the PyInstaller bundle."""

import sys

from karabakh_annotator.main import main

if __name__ == "__main__":
    sys.exit(main())
