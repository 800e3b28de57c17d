"""Every piece of jargon found by reading the five corpus articles is matched by the glossary."""
from __future__ import annotations

import pytest

from reader.core import paths
from reader.core.glossary.store import Glossary

# The jargon of each article, written as it appears there (its script, its garbles).
JARGON = {
    "caijing-2020-to-b-two-years": [
        "To B", "ToC", "C To B", "B端", "C端", "B市場", "大B大G", "佛系", "狼性", "CSIG", "CDG",
        "LBS", "IaaS", "PaaS", "SaaS", "IDC", "KPI", "AI", "APP", "App", "CEO", "PPT", "ID",
        "Q3", "GDP", "雲計算", "互聯網+", "智慧零售", "產業互聯網", "消費互聯網", "上半場",
        "下半場", "數字化轉型", "車聯網", "小程序", "私域流量池", "新基建", "新零售", "公有云",
        "刷臉", "閉環", "生態", "打法", "出圈", "爆款", "日活躍賬戶數", "賽道", "長板", "藍海",
        "痛點", "巨頭", "第二梯隊", "一超多強", "頭部", "企業微信", "騰訊雲", "騰訊會議",
        "阿里雲", "華爲雲", "釘釘", "政企客戶", "增值服務", "金融科技", "三季報", "小步快跑",
        "更新迭代", "流量", "觸達", "精細化運營", "多雲架構", "雲與智慧產業事業羣",
        "企業發展事業羣", "高級執行副總裁", "輪值董事長", "第一張船票", "超級APP", "同比增長",
        "中國信通院", "工信部", "數字經濟", "被pass", "壓力肥", "變陣", "智慧出行", "剛需",
        "互聯網思維", "場景", "落地", "打通", "架構師", "Zoom", "QQ", "事業部",
    ],
    "caijing-2019-dowson-tong": [
        "To C", "To B", "To G", "BG", "C To B", "GMV", "平臺總交易量", "CRM", "KPI", "IT", "9·30",
        "科技向善", "內部賽馬", "集團軍作戰", "產業互聯網", "痛點", "打法", "玩法", "閉環", "生態",
        "智慧零售", "企業微信", "小程序", "去中心化", "微信紅包", "網絡效應", "數字政務",
        "數字廣東", "粵省事", "燒錢", "壁壘", "英雄聯盟", "B端", "C端", "B市場", "CSIG",
        "云與智慧產業事業群", "如履薄冰", "引流", "入口", "規模化", "智能制造", "拍拍",
        "開放平臺", "微信支付",
    ],
    "36kr-2019-81-trials": [
        "ToB", "To B", "To-C", "To-B", "ToC", "B2B", "C2B", "CDO", "首席数字官", "930调整",
        "930组织", "930之后", "腾讯930", "IaaS", "IUS", "SaaS", "IM", "SNG", "米格", "BG", "CSIG",
        "云智能产业集团", "中国互联网治理集团", "羊毛党", "毛派", "薅羊毛", "反黑产", "Gartner",
        "Zoom", "飞书", "Lark", "字节跳动", "甲骨文", "SAP", "Salesforce", "用友", "金蝶",
        "广电通", "腾迅云", "滕逊云", "阿里云", "华为云", "关键绩效指标", "人工智能", "Youtu",
        "b端", "c端", "工业互联网", "消费互联网", "人口红利", "实体经济", "微信小程序",
        "朋友圈广告", "产品经理", "售前", "前端", "后端", "交付", "踩坑", "小黑屋", "开荒",
        "大船掉头", "81 难", "上甘岭战役", "一根手指禅", "36氪", "铁血", "总裁办", "汽车联网",
        "边际成本", "职业经理人", "每天活跃用户", "公有云", "爆炸性产品", "主机厂", "种子用户",
        "Shoma Purchase", "尚超", "黄钻", "ToB基因", "企业服务",
    ],
    "nbd-2019-anniversary": [
        "工业互联网", "产业互联网", "CSIG", "云与才智工业作业群", "PCG", "渠道与内容作业群",
        "To B", "To C", "B端", "C端", "CEO", "PV", "AI", "互联网的下半场", "互联网的上半场",
        "高档履行副总裁", "粤省劲", "微信小程序", "赛道", "才智零售", "才智出行", "甲方", "短板",
        "隔行如隔山", "人海战术", "如履薄冰", "今天头条", "备付金", "金融科技", "把膝盖装进口袋",
        "非标准化", "壁垒", "互联网人口盈利", "浸透率", "烧钱", "朋友圈", "数字政务", "生态",
        "关在屋子里", "用户活跃度", "竞品", "信息流", "零跑腿", "To B基因",
    ],
    "zhoutian-2020-third-opening": [
        "To B", "to B", "C2B", "CEO", "SaaS", "SaaS加速器", "CRM", "BIM", "GIS", "BU制",
        "WeCity加速器", "数字化转型", "新基建", "元年", "云计算", "产业互联网", "消费互联网",
        "产业数字化", "赛道", "生态", "生态伙伴", "头部", "团战", "单兵作战", "单打独斗",
        "投后经理", "估值", "孵化", "大厂", "跑马场", "保姆级", "攒这个局", "数字孪生",
        "万物互联", "超融合", "无人区", "复工复产", "小程序", "企业微信平台", "云开发",
        "腾讯云启", "广点通", "开放平台", "日活", "直播电商", "电商直播", "留存", "网格化管理",
        "虚拟营业厅", "复盘", "化学反应", "C 端", "B 端", "Web端", "法大大", "飞虎互动",
        "飞渡科技", "东华软件", "腥风血雨", "事业群", "公众号", "新一轮融资", "环比增长",
        "智慧城市", "腾讯产业加速器", "万物互联", "头部企业",
    ],
}


@pytest.fixture(scope="module")
def bundled() -> Glossary:
    return Glossary(paths.assets_dir() / "glossary", paths.assets_dir() / "none.toml")


@pytest.mark.parametrize("article_id", sorted(JARGON))
def test_every_listed_term_is_matched_in_its_article(services, bundled, article_id):
    """Each listed surface occurs in the article and is matched there as a whole term."""
    _info, text = services.library.get(article_id)
    hit_texts = {text[h.start:h.end] for h in bundled.find(text)}
    absent = [term for term in JARGON[article_id] if term not in text]
    assert absent == [], f"listed but not in the article: {absent}"
    missing = [term for term in JARGON[article_id] if term not in hit_texts]
    assert missing == [], f"jargon not matched in {article_id}: {missing}"


def test_the_pipeline_marks_the_jargon_of_seed_000(services):
    """Annotating seed 000 marks its jargon as tokens: To B, 佛系, CSIG, 私域流量池..."""
    _info, text = services.library.get("caijing-2020-to-b-two-years")
    document = services.annotator.annotate(text)
    marked = {document.original[s.start:s.end] for s in document.layers["glossary"]}
    assert {"To B", "佛系", "狼性", "CSIG", "私域流量池", "產業互聯網", "C To B"} <= marked
    assert len(document.layers["glossary"]) >= 300
