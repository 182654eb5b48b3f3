"""The entities of the seeds that the curation tests decide about, shared by ``test_curation_file.py`` and
``test_curation_decisions.py``."""

from __future__ import annotations

SYSTEM = "Program:县以下事业单位管理岗位职员等级晋升制度"
WORK = "Program:县以下事业单位管理岗位职员等级晋升工作"  # the same reform in 003 and 004's words
TYPO = "县以下事业单位理岗位职员等级晋升制度"  # 002's wording (a character missing), merged by fuzzy:97
RED = "Program:红色物业"  # in 001 and 002
