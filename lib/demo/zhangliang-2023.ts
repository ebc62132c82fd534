/** Demo and test content: the real 鲁山县张良镇 2023 report (shared/samples/zhangliang-town-2023.txt), entered as a clerk would. */
import { defaultOpening, emptyContent, t2CellId, t4CellId, type ReportContent } from "@/lib/template";

/** The sample prints no contact; the demo's report is complete: the opening names the office and its telephone. */
export const ZHANGLIANG_CONTACT = "（地址：张良镇人民政府党政办公室；电话：0375-5066001）";

export const ZHANGLIANG_TEXT = {
  "lead": "2023 年，我镇在县委、县政府的领导下，认真贯彻《中华人民共和国政府信息公开条例》，按照公开、公正、规范、高效、便民的基本要求，拓展公开内容，创新公开形式，完善公开制度，扎实推进政府信息公开工作，保障人民群众的知情权、参与权、表达权和监督权。",
  "active": "主动公开了本镇的财政预算及“三公”经费预算、“三重一大”事项、低保特困名单、脱贫受益户名单、新识别监测户名单、风险稳定消除监测对象名单、各类奖扶政策名单、各类基础设施和扶贫产业项目建设名单以及焦唐高速、叶鲁高速、平漯周高铁等国家重点工程征地拆迁、附属物补偿等事项共计 153 项。办理市长热线事项 356 件，办结率 100%。在镇党群便民服务中心建立了信息公开查阅点，为群众提供方便快捷的服务。按照要求录入乡村政务服务事项 187 项、其中、镇级 154 项、涉及民政、卫生、公安、社保等、村级 33 项。",
  "request": "对人大代表、政协委员及全镇党员、群众提议、建议的“建设张良姜产业园、张良综合农副产品物流园”等五项建议，按照申请的具体事项和公开范围，及时公开。",
  "management": "按照“主要领导亲自抓，分管领导具体抓”的工作要求，成立政务公开领导小组，由镇长任组长，主抓政务工作的常务副镇长为副组长，各相关职能部门负责人为成员，做到机构健全，专人落实，确保信息得到依法、全面、准确、及时公开。",
  "platform": "张良镇政府高度重视政府信息公开工作，把政府信息公开工作作为一项重要任务纳入议事日程。\n1 镇党群服务中心设立有民政、农业、卫健、退伍军人、社保等 5 个工作窗口。把工作职责、服务内容、办事流程挂牌上墙，推行“一窗受理、一站式服务”更好地方便群众办事。\n2 利用镇、村政务公开栏、设置政府信息查阅点等公开载体，公开政府的工作动态、工作流程、计划总结、政策信息、规范性文件等内容，使广大社会群体能够及时了解信息。\n3 开展依法行政。2023 年 11 月县级下放的 72 项行政执法权由乡镇综合行政执法队行使，并在村公示栏公示，让群众知晓。下发行政处罚 1 起，处理 1 起；\n4 全年开展政府采购 45 件，总金额 18.6 万元；\n5 在 41 个行政村设立便民服务站，实现全镇范围内服务全覆盖。",
  "oversight": "健全完善了《张良政府信息公开工作制度》、《张良政府依申请公开政府信息工作制度》等工作机制，做到政府信息公开工作经常化、制度化、规范化。",
  "s5": "2023年，我镇政府信息公开工作总体运行较好，但仍然存在一些问题。一是主动公开意识有待增强；二是公开内容还不够全面；三是工作人员业务能力还有待提升。针对上述问题，2024年我镇政府信息公开工作将着重抓好以下三个方面的工作：一是.进一步提高认识，强化主动公开意识，抓好政府信息公开制度建设，完善信息公开监督检查制度。二是进一步加大宣传力度，发动全员参与，为信息公开提供更多更全面的素材，对政务信息进行再梳理，不断充实完善政务信息。三是进一步加强业务学习，提高信息公开队伍业务水平，确保信息公开的完整性、准确性和时效性。四是加强申子政务人员的业务培训，提高其掌握电子政务的业务本领，扎实做好全镇政务公开工作。",
  "s6": "建议上级有关部门在今后的工作中，适时举行电子政务业务培训班，增强基层从事电子政务人员的业务能力。"
} as const;
/** The sample's figures: every table cell as printed (table 三 all zeros). */
export function zhangliangContent(organName = "鲁山县张良镇人民政府"): ReportContent {
  const opening = defaultOpening(organName, 2023).replace("（地址：    ；电话：    ）", ZHANGLIANG_CONTACT);
  const c = emptyContent(organName, 2023, opening);
  for (const id of Object.keys(c.cells)) c.cells[id] = "0";
  c.cells[t2CellId("permit", "decisions")] = "17";
  c.cells[t2CellId("penalty", "decisions")] = "1";
  c.cells[t4CellId("direct", "corrected")] = "2";
  c.cells[t4CellId("direct", "other")] = "1";
  const t = ZHANGLIANG_TEXT;
  c.text = {
    "s1.lead": t.lead,
    "s1.active": t.active,
    "s1.request": t.request,
    "s1.management": t.management,
    "s1.platform": t.platform,
    "s1.oversight": t.oversight,
    s5: t.s5,
    s6: t.s6,
  };
  return c;
}
