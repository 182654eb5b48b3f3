"""Lines of real reports whose store had depended on the order they were loaded in (session 67), shared by
``test_ingest.py``, ``test_resolve_load_order.py``, ``test_node_moves.py`` and ``test_store_writes.py``."""

from __future__ import annotations

from pathlib import Path

#: Lines of gwr-2024, 浙江's and 四川's 2025 reports (corpus/gwr, corpus/gwr2025): 四川's glossary says 千万工程 is the
#: short name of 千村示范、万村整治工程; 广东's copy of 四川's lines names the pair a second time.
QIANWAN_TEXTS = {"a-gwr-2024": "2024年政府工作报告\n锚定建设农业强国目标，学习运用“千村示范、万村整治”工程经验，"
                               "因地制宜、分类施策，推动乡村全面振兴不断取得实质性进展。\n",
                 "b-zj": "2025年浙江省政府工作报告\n深入学习运用“千万工程”经验，建设宜居宜业和美乡村。\n",
                 "c-sc": "2025年四川省政府工作报告\n深入学习运用“千万工程”经验，实施农村户厕无害化改造。\n名词解释\n"
                         "1.“千万工程”：“千村示范、万村整治”工程的简称。\n"}
QIANWAN_TEXTS["d-gd"] = QIANWAN_TEXTS["c-sc"].replace("四川", "广东")
#: Lines of the 15th, 16th and 19th congress reports (corpus/gwr): the 19th makes a node 伟大工程 and, in one sentence,
#: says it is 党的建设新的伟大工程, the node of the two reports before it, so it joins a node it made itself.
_15 = ("中国共产党第十五次全国代表大会报告\n以毛泽东为核心的第一代领导集体，以马克思列宁主义为指导，联系党的政治路线，"
       "成功地实施党的建设的伟大工程，建设了一支领导人民夺取新民主主义革命胜利、建立社会主义制度的工人阶级先锋队。\n")
_16 = "中国共产党第十六次全国代表大会报告\n（十）坚持加强和改善党的领导，全面推进党的建设新的伟大工程。\n"
_19 = ("中国共产党第十九次全国代表大会报告\n实现伟大梦想，必须建设伟大工程。这个伟大工程就是我们党正在深入推进的"
       "党的建设新的伟大工程。\n伟大斗争，伟大工程，伟大事业，伟大梦想，紧密联系、相互贯通、相互作用，"
       "其中起决定性作用的是党的建设新的伟大工程。\n")
CONGRESS_TEXTS = {"cpc-congress-15": _15, "cpc-congress-16": _16, "cpc-congress-19": _19}


def write_texts(folder: Path, texts: dict[str, str]) -> list[Path]:
    """Write each text as ``<stem>.txt`` under ``folder``; the paths in document id order."""
    folder.mkdir(parents=True, exist_ok=True)
    for stem, text in texts.items():
        (folder / f"{stem}.txt").write_text(text, encoding="utf-8")
    return sorted(folder / f"{stem}.txt" for stem in texts)


def partition(store) -> dict[tuple[str, int, str], str]:
    """Each mention of ``store`` (document, start, surface) -> the node it is on."""
    return {(e["doc_id"], start, surface): e["target"] for e in store.iter_edges(["MENTIONS"])
            for start, surface in zip(e["starts"], e["surfaces"], strict=True)}
