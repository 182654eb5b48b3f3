"""Entity resolution across documents."""

from __future__ import annotations

from policykg.graph.resolve import EntityIndex


def test_variants_join_and_distinct_names_stay_apart():
    idx = EntityIndex()
    idx.add("Goal:乡村振兴", "Goal", ["乡村振兴"])
    idx.add("Body:组织部门", "Body", ["组织部门"])
    idx.add("Program:红色物业", "Program", ["红色物业"])
    assert idx.lookup("Goal", ["乡村振兴战略"]) == ("Goal:乡村振兴", "rule:goal-form")
    assert idx.lookup("Goal", ["乡村全面振兴"]) == ("Goal:乡村振兴", "rule:goal-form")
    assert idx.lookup("Program", ["“红色物业”建设"])[0] == "Program:红色物业"
    assert idx.lookup("Body", ["广州市委组织部"]) is None
    assert idx.lookup("Program", ["红色网格"]) is None
    assert idx.lookup("Goal", ["人才振兴"]) is None


def test_short_quoted_aliases_do_not_merge_documents():
    idx = EntityIndex()
    idx.add("Program:五星支部创建", "Program", ["五星支部创建", "五星"])
    assert idx.lookup("Program", ["五星创评活动", "五星"]) is None
    assert idx.lookup("Program", ["“五星”支部创建"])[0] == "Program:五星支部创建"


def test_goal_forms_join_whichever_comes_first():
    idx = EntityIndex()
    idx.add("Goal:乡村振兴战略", "Goal", ["乡村振兴战略"])
    assert idx.lookup("Goal", ["乡村振兴"]) == ("Goal:乡村振兴战略", "rule:goal-form")
    assert idx.lookup("Goal", ["乡村人才振兴"]) is None
