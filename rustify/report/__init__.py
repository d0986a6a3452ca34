"""`rustify report`: one self-contained HTML page of what rustify found and did.

collect.py gathers the data from the documents, predict.py the whole-program prediction,
flame.py draws the stacks, annotate.py the sources, calls.py the counter-examples and
page.py lays them out; `write_report` is the stage.
"""

from rustify.report.report import default_output, write_build_report, write_report

__all__ = ["default_output", "write_build_report", "write_report"]
