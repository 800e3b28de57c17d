"""Word lists the name detector relies on: surnames, titles, speech verbs, org suffixes.

General Chinese news vocabulary, not drawn from the bundled articles. Kept apart from the
detector's logic so they can be read and extended on their own.
"""
from __future__ import annotations

# The common single-character surnames (roughly the 300 most frequent). A few surnames
# that are mostly function words in running text (和, 与, 及, 把, 就...) are left out.
SINGLE_SURNAMES = frozenset(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜"
    "叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付傅方白邹孟熊秦邱江尹薛闫段雷侯龙史陶"
    "黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹"
    "申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管"
    "柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏"
    "席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟"
    "邝官封谈匡鞠惠荆乐冀郁胥南班储原栗燕楚鄢劳谌奚皮粟冼蔺楼盘满闻位厉伊仝区郜海阎帅"
    "赖萧洪辜钮阙"
)

COMPOUND_SURNAMES = frozenset(
    "欧阳 司马 上官 诸葛 东方 皇甫 尉迟 公孙 慕容 长孙 宇文 司徒 夏侯 令狐 西门 独孤 南宫 "
    "万俟 闻人 轩辕 端木 澹台 公冶 太史 申屠 钟离 呼延 赫连 拓跋 百里 东郭 第五".split()
)

# Characters that end a clause: a name, and a list of names, never spans one.
CLAUSE_BREAK = "，。！？；：、,.!?;:\n“”\"'‘’（）()《》「」"

# Titles written just before a name: 副总裁林璟骅, 记者张建, 创始人何文武.
TITLES = (
    "执行副总裁 高级副总裁 副总裁 总裁 总经理 副总经理 经理 首席执行官 首席运营官 首席技术官 "
    "执行官 董事长 副董事长 董事 创始人 联合创始人 创办人 合伙人 记者 编辑 总编辑 主编 副主编 "
    "作者 主任 副主任 院长 副院长 教授 副教授 博士 主席 副主席 部长 副部长 总监 负责人 工程师 "
    "架构师 分析师 研究员 校长 市长 副市长 省长 书记 局长 行长 副行长 秘书长 理事长 发言人 "
    "总编 社长 律师 医生 高管 老板 掌门人 操盘手 评论员 通讯员 编译 主持人 特约记者 "
    "首席财务官 财务官 首席信息官 首席营销官 首席战略官 首席科学家 "
    "CEO COO CTO CFO CIO CMO CDO VP"
).split()

# Titles that may also follow a name (刘炽平总裁, 林继华副总裁).
TITLES_AFTER = "总裁 副总裁 总经理 董事长 主任 教授 先生 女士".split()

# Credit lines: 文|谢丽容, 编辑:马克, 照片:苏建勋, 每经记者:郭荣村.
CREDITS = "文 图 撰文 摄影 照片 图片 制图 编辑 记者 作者 责编 校对 口述 整理 主笔".split()
CREDIT_SEPARATORS = "|｜/／:："

# Written right after a name: 张建 摄, 王先生.
AFTER_NAME = "摄 先生 女士 小姐 老师 同学 博士 教授 总 本人".split()

# Speech and opinion verbs after a name, possibly after an adverb or "对...记者".
VERBS = (
    "说道 说 表示 告诉 认为 介绍 透露 指出 强调 坦言 回忆 谈到 提到 解释 承认 觉得 发现 "
    "建议 直言 笑称 称 记得 感叹 补充 分享 看来 观察 评价 总结 形容 判断 相信 "
    "回应 预计 提醒 提出 问道 答道 问 答 同意 答应 回答 表态 介绍说 "
    # appointments and leadership: 李四出任首席执行官, 王五获委任为主席, 赵六创办的公司
    "出任 接任 担任 兼任 获委任 获委 获任命 当选 连任 卸任 辞任 履新 执掌 掌舵 创办 创立 "
    # credits in film, TV and publishing: 张三执导, 李四主演
    "执导 主演 出演 领衔 监制 编剧 饰演"
).split()
ADVERBS = "也曾则还更就又却都再便亦"

# Characters that never occur inside a name in running text.
STOP_CHARS = frozenset(
    "的了在是和与及等说也都就对把被从为将而又或这那个们上下不着过吗呢吧啊么其所并且但"
    "已很最更还再让给到后里外时年日号地得"
)

# Words right after a name that make it an organisation, brand or place instead.
ORG_SUFFIXES = (
    "集团 公司 家纺 科技 股份 控股 品牌 银行 软件 大学 学院 医院 汽车 电器 手机 平台 云 网 "
    "系 旗下 乳业 饮料 超市 商场 门店 产品 系统 市 省 县 区 镇 村 路 街 大厦 中心 研究院 "
    "基金 资本 证券 保险 传媒 电视台 报 杂志"
).split()

# Senses in CC-CEDICT that mark a proper-noun entry as a person (not a brand or place).
PERSON_SENSE_WORDS = (
    "businessman businesswoman entrepreneur founder CEO chairman politician writer author "
    "novelist poet actor actress singer scholar philosopher scientist painter general "
    "emperor king queen president minister journalist director (name) surname magnate "
    "billionaire athlete player"
).split()
