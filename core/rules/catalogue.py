"""The rule catalogue: every rule's id, default severity, checklist group, title and reference."""
from __future__ import annotations

from dataclasses import dataclass

from core.findings import Finding, Outcome, Severity

_FORM = "《政府信息公开工作年度报告格式》（国办公开办函〔2021〕30号；2019、2020年度为国办公开办函〔2019〕60号）"
_ART50 = "《中华人民共和国政府信息公开条例》第五十条"
_FEE = "《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）；" + "国办公开办函〔2021〕30号"


@dataclass(frozen=True)
class RuleInfo:
    id: str
    severity: Severity
    group: str  # checklist group: 'structure', 'format', 't2', 't3', 't4', 'text', 'history'
    title: str
    reference: str


_RULES = (
    RuleInfo("SC-1", Severity.WARNING, "structure", "表格由扫描图片识别，请对照原件核实", "本程序的文字识别（离线）"),
    RuleInfo("ST-1", Severity.ERROR, "structure", "法定六部分齐全、顺序和编号正确", _ART50 + "；" + _FORM),
    RuleInfo("ST-2", Severity.ERROR, "structure", "表二、表三、表四齐全且位于相应部分", _FORM),
    RuleInfo("ST-3", Severity.ERROR, "structure", "表格的项目、行、列与格式一致", _FORM),
    RuleInfo("ST-4", Severity.WARNING, "structure", "开头所述“由…部分组成”与正文一致", _ART50),
    RuleInfo("ST-5", Severity.WARNING, "structure", "标题写明机关名称和年度", _FORM + "（标题格式：XX2023年政府信息公开工作年度报告）"),
    RuleInfo("ST-6", Severity.INFO, "structure", "总体情况涵盖主动公开、依申请公开、政府信息管理、平台建设、监督保障", _FORM),
    RuleInfo("FMT-1", Severity.ERROR, "format", "表格格式与报告年度相符", _FORM),
    RuleInfo("TX-6", Severity.ERROR, "format", "标题、统计期限和正文的年度一致", _FORM),
    RuleInfo("T2-1", Severity.WARNING, "t2", "表二各项为规范的数字", _FORM + "表二"),
    RuleInfo("T2-2", Severity.WARNING, "t2", "表二金额单位明确、数额合理", _FORM + "表二"),
    RuleInfo("T2-6", Severity.WARNING, "t2", "本年新公开数量不大于对外公开总数量", "国办公开办函〔2019〕60号表二"),
    RuleInfo("T3-1", Severity.ERROR, "t3", "各列：第一项＋第二项＝第三项（七）总计＋第四项", _FORM + "表三「本列数据的勾稽关系」"),
    RuleInfo("T3-2", Severity.ERROR, "t3", "各列：（七）总计＝各项办理结果之和", _FORM + "表三"),
    RuleInfo("T3-3", Severity.ERROR, "t3", "各行：总计＝各类申请人之和", _FORM + "表三"),
    RuleInfo("T3-4", Severity.WARNING, "t3", "表三各格为非负整数", _FORM + "表三"),
    RuleInfo("T4-1", Severity.ERROR, "t4", "总计＝结果维持＋结果纠正＋其他结果＋尚未审结", _FORM + "表四"),
    RuleInfo("T4-2", Severity.WARNING, "t4", "表四各格为非负整数", _FORM + "表四"),
    RuleInfo("TX-1", Severity.WARNING, "text", "正文所写的申请数量和办理结果与表三一致", _FORM + "表三"),
    RuleInfo("TX-2", Severity.WARNING, "text", "正文“未收到申请”与表三第一项一致", _FORM + "表三"),
    RuleInfo("TX-3", Severity.WARNING, "text", "正文所写的行政复议、行政诉讼情况与表四一致", _FORM + "表四"),
    RuleInfo("TX-5", Severity.WARNING, "text", "说明信息处理费的收取情况（2021年度起）", _FEE),
    RuleInfo("TX-7", Severity.WARNING, "text", "“共…，其中…”各项之和等于总数", _ART50),
    # With last year's report at hand (`check --previous`, 「对比上年报告」).
    RuleInfo("X-1", Severity.ERROR, "history", "表三“上年结转”等于上年报告的“结转下年度继续办理”（各列）", _FORM + "表三"),
    RuleInfo("X-3", Severity.WARNING, "history", "总体情况、存在的主要问题及改进情况不照搬上年报告", _ART50),
    RuleInfo(
        "T2-4",
        Severity.WARNING,
        "history",
        "表二第（一）项与上年衔接：2021版 现行有效件数＝上年现行有效件数＋本年制发件数－本年废止件数；"
        "2019版 对外公开总数量＝上年对外公开总数量＋本年新公开数量",
        _FORM + "表二",
    ),
    RuleInfo(
        "T2-5",
        Severity.WARNING,
        "history",
        "表二第（五）（六）（八）项与上年衔接（2019版）：上一年项目数量＝上年报告的上一年项目数量＋上年报告的本年增/减",
        "国办公开办函〔2019〕60号表二",
    ),
)

CATALOGUE: dict[str, RuleInfo] = {r.id: r for r in _RULES}

GROUP_NAMES = {
    "structure": "法定六部分与表格结构",
    "format": "格式与年份",
    "t2": "表二 主动公开政府信息情况",
    "t3": "表三 收到和处理政府信息公开申请情况",
    "t4": "表四 行政复议、行政诉讼情况",
    "text": "正文与表格一致",
    "history": "与上年报告对照",
    "other": "其他发现",  # findings of a rule not listed above: shown, never lost
}



def finding(rule: str, outcome: Outcome, message: str, key: str, severity: Severity | None = None, **kw) -> Finding:
    """A finding of `rule` with the catalogue's severity unless another is given."""
    return Finding(rule, severity or CATALOGUE[rule].severity, outcome, message, key, **kw)
