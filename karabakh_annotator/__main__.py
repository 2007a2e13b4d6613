import sys

from karabakh_annotator.main import main

sys.exit(main())
