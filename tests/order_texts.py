"""Lines of real reports whose store had depended on the order they were loaded in (session 67), shared by
``test_ingest.py``, ``test_resolve_load_order.py`` and ``test_store_writes.py``."""

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
