"""The 帮助 menu: a short guide for clerks, 导出诊断信息 for support, and 关于 with the version.

The list of checks and where each comes from is written out of the rule catalogue,
so the guide never promises a check the program does not make. The diagnostics file is
packed by core (`core.platform.diagnostics`); the window adds what only it knows (Qt, the screen,
the open report's file name and kind — never what the report says).
"""
from __future__ import annotations

import os
from html import escape
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QMessageBox, QTextBrowser, QVBoxLayout, QWidget

from core import __version__
from core.formats import FORMAT_DOCS, FORMAT_NAMES
from core.platform.logs import MENU_ITEM
from core.rules.catalogue import CATALOGUE, GROUP_NAMES
from gui import APP_NAME
from gui.marks import CONFIRMED, ERROR, NOTE, PASSED, UNASSESSABLE, WARNING

if TYPE_CHECKING:
    from core.model import Report


def _mark(mark, text: str) -> str:
    return f"<li><b style='color:{mark.colour}'>{mark.word}</b>：{text}</li>"


def guide_html(extensions: list[str]) -> str:
    rules = []
    for group, name in GROUP_NAMES.items():
        members = [r for r in CATALOGUE.values() if r.group == group]
        if members:
            items = "".join(f"<li>{escape(r.title)}<br><span style='color:#666'>依据：{escape(r.reference)}</span></li>" for r in members)
            rules.append(f"<p><b>{escape(name)}</b></p><ul>{items}</ul>")
    formats = "；".join(f"{FORMAT_NAMES[fmt]}格式为{doc}" for fmt, doc in FORMAT_DOCS.items())
    return f"""
<h2>怎样检查一份年度报告</h2>
<ol>
<li><b>打开报告</b>：点击工具栏上的「打开报告」（或按 Ctrl+O），也可以把文件直接拖进窗口。
可以读取的文件：{escape('、'.join(extensions))}。</li>
<li><b>看结论</b>：窗口最上方的色条就是结论——
<span style='color:{ERROR.colour}'>红色</span>「发现N处错误，暂不宜提交」表示有必须改正的错误；
<span style='color:{WARNING.colour}'>黄色</span>「还有N项需要核实」表示请您逐项核对；
<span style='color:{PASSED.colour}'>绿色</span>「检查通过，可以提交」。</li>
<li><b>逐个处理问题</b>：右边的检查清单列出每一项检查。点击一项，左边的报告会选中它涉及的表格单元格或章节；
打开报告时已选中第一处错误；按 <b>F8</b>（或点击「下一个问题」）依次查看每个问题，先看错误，再看需要核实的项目，光标随之落在该改的格上，直接输入数字（或按F2）即可修改，回车确认；Tab键在报告、清单、说明、修改记录之间切换；勾选「只看问题」可以隐藏已经通过的项目。</li>
<li><b>看表格里的颜色</b>：<span style='background:{ERROR.fill}'>&nbsp;红色&nbsp;</span>是错误涉及的格，
<span style='background:{WARNING.fill}'>&nbsp;黄色&nbsp;</span>是需要核实的格，
<span style='background:{UNASSESSABLE.fill}'>&nbsp;灰蓝色&nbsp;</span>是因有格未填而无法核对的格；
「未填」表示这一格是空白，「缺」加斜线表示报告中没有这一格。鼠标停在一格上会显示说明；
点击一格，右下方「说明」会显示它的问题，报告下方会显示它在原文中的位置（PDF：原页面的这一部分，可放大，双击看整页）。</li>
</ol>
<h2>在窗口里改正</h2>
<ul>
<li><b>改一个数</b>：双击表格中的一格（或选中后直接输入），填好按回车。件数只能填0或正整数，金额（万元）可以有小数；
填得不对时，程序会说明原因，原来的数不变。改过的格显示为绿色粗体，右上角有绿色小三角，并注明「原为…，已改为…」。
每改一次，程序立即重新检查，结论和清单随之更新。</li>
<li><b>撤销</b>：按 Ctrl+Z 撤销、Ctrl+Y 重做；右下方「修改记录」（「说明」旁边的标签页）列出每一步，点击其中一条可以退回到那一步。</li>
<li><b>按建议修改</b>：勾稽关系不成立、而且能判断是哪一格填错时，说明区会出现「按建议修改：将…改为…」按钮；
表格有空白格时，「有N格未填写」一项提供「填写表N的M个空白格」（空白的填0，空白的合计填各项之和），
填写「/」的格提供「改为0」；「编辑→重算全部合计」把表三、表四的每个总计改为各项之和。改之前都会先列出要改的每一格，确认后才修改。</li>
<li><b>标记为已核实</b>：需要核实的项，核对无误后可以标记为已核实（可写备注），它就不再计入「还有N项需要核实」；
这一项的内容一旦变化，标记会自动取消。</li>
<li><b>更正机关名称和年度</b>：程序读错时，点击结论右侧的「更正机关或年度…」。应使用哪一版格式随年度重新判断。</li>
<li><b>不会丢失</b>：每一次修改都立即自动保存。下次打开同一份报告时（即使程序意外关闭），程序会询问是否恢复上次的修改。</li>
</ul>
<h2>导出和打印</h2>
<ul>
<li><b>导出</b>（工具栏「导出」或 Ctrl+E）：写出按官方格式排好的Excel工作簿，数字按您的更正，每个总计是公式，
“检查结果”表列出全部问题和更正——这是交给上级的文件。程序建议的文件名在原报告旁边，如「报告（更正）.xlsx」。
打开的是Word报告时，接着还可另存一份更正后的Word文档，只改动您更正过的格。报告还有错误时，程序会先问您是仍然导出，还是返回修改。
文件正在Excel或WPS中打开、或是只读时，程序会说明原因，什么也不会丢失。</li>
<li><b>打印</b>（Ctrl+P）：打印检查单——结论、六个部分、每项勾稽关系、全部问题和更正，下方留有检查人、审核人签字处；
「文件→导出检查单PDF」把同样的内容存为PDF。</li>
</ul>
<h2>一次检查许多报告，与上年报告对照</h2>
<ul>
<li><b>打开文件夹</b>（工具栏「打开文件夹」）：检查一个文件夹（包括子文件夹）中的全部报告，每份一行，列出机关、年度、结论、错误和需核实的数量、主要问题；
点击列标题排序，双击一行打开那份报告，工具栏上的「返回报告列表」回到列表；「导出汇总表…」把列表和全部问题写入一个Excel工作簿。</li>
<li><b>对比上年报告</b>（工具栏「对比上年报告」）：选择同一机关上一年度的报告，程序核对本年表三“二、上年结转”是否等于上年的“四、结转下年度继续办理”，
表二的件数是否与上年衔接，总体情况和存在的问题是否照搬上年；结果列在清单的“与上年报告对照”中，涉及的格同样标出。之后的每次修改都会继续对照。</li>
</ul>
<h2>每一项的标记</h2>
<ul>
{_mark(PASSED, "这一项符合要求。")}
{_mark(ERROR, "这是错误，改正之前不宜提交（例如表格的勾稽关系不成立、缺少法定部分）。")}
{_mark(WARNING, "可能有问题，请对照原稿核实（例如填了「/」而不是0、标题措辞与格式不同）。")}
{_mark(UNASSESSABLE, "有需要的格没有填写或无法识别，这一项没法核对；请先把空格补上。")}
{_mark(CONFIRMED, "您已核对过的需要核实的项，不再计入需要核实的数量。")}
{_mark(NOTE, "供参考的提示，不影响结论。")}
</ul>
<h2>检查的依据</h2>
<p>《中华人民共和国政府信息公开条例》第五十条规定了年度报告的内容；国务院办公厅政府信息与政务公开办公室
统一了年度报告格式：{escape(formats)}。报告的年度决定应使用哪一版格式：2019、2020年度用2019版，2021年度起用2021版。</p>
{''.join(rules)}
<h2>请放心</h2>
<p>本程序完全离线运行，不联网，不会修改您打开的文件：您的修改另行保存在本机的用户数据文件夹中。</p>
<p>程序出现问题时，请点击「帮助→{MENU_ITEM}…」，把程序的版本、系统信息和运行日志（记有打开过的文件名和出现的问题）存为一个文件，发给技术支持。</p>
"""


class GuideDialog(QDialog):
    def __init__(self, extensions: list[str], parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(f"{APP_NAME}使用说明")
        self.resize(780, 680)
        browser = QTextBrowser()
        browser.setHtml(guide_html(extensions))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(browser)
        layout.addWidget(buttons)


def about_html() -> str:
    return (
        f"<h3>{APP_NAME}　版本 {__version__}</h3>"
        "<p>检查《政府信息公开工作年度报告》：法定六部分是否齐全，表格格式是否与年度相符，表格的勾稽关系是否成立。</p>"
        "<p>完全离线运行，不联网，不修改您打开的文件。</p>"
    )


def about(parent: QWidget | None) -> None:
    QMessageBox.about(parent, f"关于{APP_NAME}", about_html())


# --- 帮助 → 导出诊断信息 ---------------------------------------------------------------------------


def diagnostics_folder() -> str:
    """Where the diagnostics file is proposed: the desktop, else the documents folder, else home."""
    from PySide6.QtCore import QStandardPaths

    for place in (QStandardPaths.StandardLocation.DesktopLocation, QStandardPaths.StandardLocation.DocumentsLocation):
        folder = QStandardPaths.writableLocation(place)
        if folder and os.path.isdir(folder):
            return folder
    return os.path.expanduser("~")


def window_facts(parent: QWidget, report: Report | None) -> dict[str, str]:
    """What support needs that only the window knows; of the report, only its file's name and kind."""
    from PySide6 import __version__ as pyside
    from PySide6.QtCore import qVersion
    from PySide6.QtGui import QGuiApplication

    facts = {"Qt": qVersion(), "PySide6": pyside, "Qt平台": QGuiApplication.platformName()}
    screen = parent.screen()
    if screen is not None:
        size = screen.size()
        facts["屏幕"] = f"{size.width()}×{size.height()}，缩放{screen.devicePixelRatio():g}倍，{screen.logicalDotsPerInch():.0f} DPI"
    facts["打开的报告"] = os.path.basename(report.source) if report is not None else "（没有）"
    if report is not None:
        facts["报告文件类型"] = report.kind
    return facts


def export_diagnostics(parent: QWidget, report: Report | None) -> str | None:
    """Ask where, write the diagnostics zip, and say what it is for and where it is; the file, or None."""
    from core.platform.diagnostics import default_name, write_diagnostics
    from gui.exporting import save

    proposed = os.path.join(diagnostics_folder(), default_name())
    facts = window_facts(parent, report)
    saved = save(parent, f"{MENU_ITEM}（发给技术支持）", proposed, "zip", lambda target: write_diagnostics(target, facts))
    if saved is None:
        return None
    target = saved[0]
    QMessageBox.information(
        parent,
        "诊断信息已导出",
        f"已保存到：\n{target}\n\n"
        "这个文件里有程序的版本、电脑的系统信息和程序的运行日志（日志中记有打开过的文件名和出现的问题），"
        "用于查明程序出现问题的原因。请把它发给技术支持（例如作为邮件或聊天的附件）。",
    )
    return target
