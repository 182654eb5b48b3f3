"""Text of a legacy Word 97-2003 ``.doc`` file: converted to a ``.docx`` by ``msdoc2docx`` (pure Python, MIT,
imported as ``doc2docx``), then read as every ``.docx`` is (:func:`policykg.loaders.word.docx_text`: paragraphs
with Word's automatic numbers, then table rows).

Chinese offices still send many documents as ``.doc``; they were refused with "save it as .docx".  Measured on the
29 provincial 2025 reports of ``corpus/gwr2025`` saved as ``.doc`` by LibreOffice 7.4 (session 50): 21 read to
exactly the text of their ``.docx``; 8 are refused by the converter (their header text boxes: "PlcfHdrtxbxTxt
textbox 0 does not contain text and a separator") with a message that names the remedy.  About 0.15 s per report.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from policykg.errors import LoadError

from .word import docx_text

__all__ = ["doc_text"]


def doc_text(data: bytes, path: str) -> str:
    """Text of the ``.doc`` file whose bytes are ``data``.

    Args:
        data: the file's bytes (an OLE compound file holding a WordDocument stream).
        path: the file's name, for error messages.

    Returns:
        The text as :func:`~policykg.loaders.word.docx_text` gives it for the converted document.

    Raises:
        LoadError: not a Word 97-2003 document, password-protected, or a part the converter cannot read (the
            reason says which, and that saving it as .docx in Word or WPS lets it be read).
    """
    from doc2docx import convert
    from doc2docx.errors import Doc2DocxError, EncryptedDocumentError, InvalidCompoundFile

    with tempfile.TemporaryDirectory(prefix="policykg-doc-") as tmp:
        src, out = Path(tmp) / "in.doc", Path(tmp) / "out.docx"
        src.write_bytes(data)
        try:
            convert(src, out)
        except EncryptedDocumentError:
            raise LoadError(path, "the .doc file is password-protected; save an unprotected copy") from None
        except InvalidCompoundFile as exc:
            raise LoadError(path, f"the .doc file is corrupt or not a Word 97-2003 document ({exc})") from None
        except Doc2DocxError as exc:
            raise LoadError(path, f"the .doc file could not be converted ({exc}); save it as .docx in Word or WPS "
                                  "and load that") from None
        return docx_text(out.read_bytes(), path)
