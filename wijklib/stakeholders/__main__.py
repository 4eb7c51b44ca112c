"""``python -m wijklib.stakeholders``: (re)write the fictional demo stakeholder map in data/demo/stakeholders/."""

import sys

from .demo import main

sys.exit(main())
