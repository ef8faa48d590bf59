"""Documents and compliance: compliance checks, visit-report drafts (.docx), expenditure
reports (.xlsx), briefing plans, monthly performance reports, official letters and
quotations (.pdf and .docx) (issue 14)."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field

from tools.common.contract import CapabilitySpec, SlashCommand, ToolArgs, ToolSpec

FileFormat = Literal["both", "pdf", "docx"]
BenefitType = Literal["제품설명회 식음료", "기념품", "판촉물", "견본품", "강의료", "자문료", "학회 지원", "기타"]
TEXT_MAX_CHARS = 20_000
NOTES_MAX_CHARS = 4_000
AMOUNT_MAX_KRW = 100_000_000
ITEMS_MAX_CHARS = 500
VALID_DAYS_MAX = 180

_DATE_HELP = "'YYYY-MM-DD' 또는 '오늘', '어제'. 예: '2026-11-30'"


class ComplianceCheckArgs(ToolArgs):
    text: Annotated[str | None, Field(
        title="점검할 문장", max_length=TEXT_MAX_CHARS,
        description="컴플라이언스 점검할 문장이나 문서 내용, 사용자가 쓴 그대로. 파일이 첨부되면 비워도 됩니다. "
                    "예: '처방 늘려주시면 챙겨드릴게요'")] = None


class DraftVisitReportArgs(ToolArgs):
    account: Annotated[str, Field(title="거래처", min_length=1, max_length=100,
                                  description="방문한 거래처 이름, 사용자가 말한 그대로. 예: '한성대학교병원'")]
    notes: Annotated[str, Field(title="방문 메모", min_length=1, max_length=NOTES_MAX_CHARS,
                                description="방문 내용 메모(누구를 만나 무엇을 이야기했는지, 후속 조치). "
                                            "예: '김 교수님 면담, 로수빛정 허가 적응증 설명, 다음 주 자료 전달 예정'")]
    date: Annotated[str | None, Field(title="방문일", max_length=20,
                                         description=f"방문한 날짜. 생략 시 오늘. {_DATE_HELP}")] = None
    attendees: Annotated[str | None, Field(title="면담자", max_length=200,
                                              description="만난 사람(쉼표로 구분). 예: '김민수 교수(순환기내과), 이지은 약제부장'")] = None
    products: Annotated[str | None, Field(title="디테일링 제품", max_length=200,
                                             description="설명한 제품(쉼표로 구분). 예: '로수빛정, 한빛암로정'")] = None
    benefit_type: Annotated[BenefitType | None, Field(
        title="제공한 경제적 이익", description="방문 중 제공한 경제적 이익의 종류(지출보고서에 기록). 예: '제품설명회 식음료'")] = None
    benefit_amount: Annotated[int | None, Field(title="금액(원)", ge=0, le=AMOUNT_MAX_KRW,
                                                   description="제공한 경제적 이익의 총액(원). 예: 120000")] = None
    benefit_people: Annotated[int, Field(title="인원", ge=1, le=500,
                                         description="경제적 이익을 받은 인원 수(1인당 금액 계산). 생략 시 1. 예: 4")] = 1
    benefit_recipients: Annotated[str | None, Field(
        title="수령자", max_length=300,
        description="수령자(보건의료인) 이름, 쉼표로 구분. 생략 시 면담자. 예: '김민수, 박서연'")] = None


class DraftExpenditureExportArgs(ToolArgs):
    start: Annotated[str | None, Field(title="시작일", max_length=20,
                                          description=f"내보낼 기간의 시작일. 생략 시 올해 1월 1일. {_DATE_HELP}")] = None
    end: Annotated[str | None, Field(title="종료일", max_length=20,
                                        description=f"내보낼 기간의 종료일. 생략 시 오늘. {_DATE_HELP}")] = None


class DraftBriefingPlanArgs(ToolArgs):
    account: Annotated[str, Field(title="거래처", min_length=1, max_length=100,
                                  description="설명회를 여는 거래처(개별 기관) 또는 대표 기관 이름. 예: '한성대학교병원'")]
    topic: Annotated[str, Field(title="주제", min_length=1, max_length=300,
                                description="설명회 주제. 예: '로수빛정 허가 적응증과 임상 결과'")]
    attendees: Annotated[int, Field(title="참석 인원", ge=1, le=500, description="참석 예정 인원. 예: 12")]
    date: Annotated[str | None, Field(title="일시", max_length=20,
                                         description="설명회 날짜: 'YYYY-MM-DD', '12월 10일', '다음주 화요일'. 생략 시 오늘. 예: '2026-12-10'")] = None
    food_per_person: Annotated[int, Field(title="식음료(1인당, 원)", ge=0, le=AMOUNT_MAX_KRW,
                                          description="1인당 식음료 금액(원). 예: 30000")] = 0
    souvenir_per_person: Annotated[int, Field(title="기념품(1인당, 원)", ge=0, le=AMOUNT_MAX_KRW,
                                              description="1인당 기념품 금액(원), 없으면 0. 예: 20000")] = 0
    promo_item: Annotated[int, Field(title="판촉물(1개당, 원)", ge=0, le=AMOUNT_MAX_KRW,
                                     description="회사명 표기 판촉물 1개 금액(원), 없으면 0. 예: 5000")] = 0
    multi_institution: Annotated[bool, Field(title="복수 기관",
                                             description="여러 기관이 참석하는 설명회면 true, 한 기관 안에서 하면 false. 예: false")] = False
    venue: Annotated[str | None, Field(title="장소", max_length=100, description="장소. 예: '병원 3층 세미나실'")] = None
    products: Annotated[str | None, Field(title="제품", max_length=200,
                                             description="설명할 제품(쉼표로 구분). 예: '로수빛정'")] = None


FileFormatArg = Annotated[FileFormat, Field(
    title="파일 형식", description="both(PDF와 Word .docx 둘 다), pdf, docx. 생략 시 both. 예: 'pdf'")]


class DraftMonthlyReportArgs(ToolArgs):
    month: Annotated[str | None, Field(
        title="월", max_length=60,
        description="보고서의 달, 사용자가 말한 그대로(도구가 해석). 생략 시 지난달(마지막으로 끝난 달). "
                    "예: '지난달', '2026년 10월', '10월'")] = None
    notes: Annotated[str | None, Field(
        title="다음 달 계획 메모", max_length=NOTES_MAX_CHARS,
        description="다음 달 계획으로 넣을 메모(줄마다 한 항목). 생략 시 실적에서 제안을 만듭니다. "
                    "예: '한성대학교병원 로수빛정 신규 처방 설명회 추진'")] = None
    file_format: FileFormatArg = "both"


class DraftOfficialLetterArgs(ToolArgs):
    account: Annotated[str, Field(title="수신 거래처", min_length=1, max_length=100,
                                  description="공문을 받을 거래처 이름, 사용자가 말한 그대로. 예: '한성대학교병원'")]
    body: Annotated[str, Field(title="본문", min_length=1, max_length=NOTES_MAX_CHARS,
                               description="공문 본문(전달할 내용, 줄마다 한 문단). "
                                           "예: '로수빛정 10mg 포장 단위가 2027년 1월부터 30정에서 90정으로 변경됨을 안내드립니다.'")]
    subject: Annotated[str | None, Field(title="제목", max_length=100,
                                            description="공문 제목. 생략 시 본문 첫 문장. 예: '로수빛정 10mg 포장 단위 변경 안내'")] = None
    reference: Annotated[str | None, Field(title="참조", max_length=100,
                                              description="참조(받는 부서·직함). 예: '약제부장'")] = None
    date: Annotated[str | None, Field(title="시행일자", max_length=20,
                                         description="공문 날짜 'YYYY-MM-DD' 또는 '오늘'. 생략 시 오늘. 예: '2026-12-01'")] = None
    sender: Annotated[str | None, Field(title="발신 명의", max_length=60,
                                           description="발신 명의. 생략 시 템플릿의 기본값(회사 대표이사). 예: '한빛제약 주식회사 영업본부장'")] = None
    file_format: FileFormatArg = "both"


class DraftQuotationArgs(ToolArgs):
    account: Annotated[str, Field(title="거래처", min_length=1, max_length=100,
                                  description="견적서를 받을 거래처 이름, 사용자가 말한 그대로. 예: '한성대학교병원'")]
    items: Annotated[str, Field(title="품목과 수량", min_length=1, max_length=ITEMS_MAX_CHARS,
                                description="제품과 수량(박스), 쉼표로 구분. 단가는 제품 목록에서 가져옵니다. "
                                            "예: '로수빛정 100박스, 한빛암로정 50박스'")]
    date: Annotated[str | None, Field(title="견적일", max_length=20,
                                         description="견적일 'YYYY-MM-DD' 또는 '오늘'. 생략 시 오늘. 예: '2026-12-01'")] = None
    valid_days: Annotated[int, Field(title="유효기간(일)", ge=1, le=VALID_DAYS_MAX,
                                     description=f"견적 유효기간(견적일로부터 일수). 1~{VALID_DAYS_MAX}. 생략 시 30. 예: 30")] = 30
    notes: Annotated[str | None, Field(title="비고", max_length=ITEMS_MAX_CHARS,
                                          description="납품·결제 조건 등 비고. 예: '납품은 주문 후 3일 이내'")] = None
    file_format: FileFormatArg = "both"


class DraftReviseArgs(ToolArgs):
    instruction: Annotated[str, Field(title="수정 요청", min_length=1, max_length=300,
                                      description="최근 초안(방문 보고서·공문·월간 보고서)을 어떻게 고칠지, 사용자가 말한 그대로. "
                                                  "예: '두 번째 문단 더 짧게', '마지막 문단 빼줘'")]
    account: Annotated[str | None, Field(title="거래처", max_length=100,
                                            description="고칠 보고서의 거래처. 생략 시 가장 최근 초안. 예: '한성대학교병원'")] = None


CAPABILITY = CapabilitySpec(
    package="documents",
    label="문서 작성·컴플라이언스 점검",
    prefixes=("draft_", "compliance_"),
    tools=(
        ToolSpec(
            name="compliance_check",
            description="문장·문서(첨부 .docx/.pdf 포함)의 컴플라이언스 위험 점검: 리베이트, 과도한 접대(별표2 금액 한도), "
                        "허가 외 홍보, 효능·안전성 과장, 경쟁사 비방, 추천·보증, 개인정보, 이상사례. "
                        "각 항목에 인용문, 위치, 근거 규정, 수정 제안을 붙입니다.",
            args=ComplianceCheckArgs, handler="handlers:compliance_check", status="컴플라이언스 위험을 점검하는 중…",
            hints="routing:compliance_args",
            examples=("이 문장 컴플라이언스 점검해줘: 처방 늘려주시면 챙겨드릴게요", "이거 리베이트 아닌지 확인해줘",
                      "설명회 식사 1인당 15만원 괜찮아?", "이 문서 규정 위반 없는지 봐줘", "check this text for compliance"),
        ),
        ToolSpec(
            name="draft_visit_report",
            description="방문 메모로 방문 보고서 초안(.docx)을 작성합니다: 거래처 정보·실적·최근 방문을 채우고 "
                        "컴플라이언스 점검 결과를 붙이며, 방문 기록을 저장하고 제공한 경제적 이익은 지출보고서에 기록합니다. "
                        "같은 거래처·날짜로 다시 쓰면 새 버전이 됩니다.",
            args=DraftVisitReportArgs, handler="handlers:draft_visit_report", status="방문 보고서 초안을 작성하는 중…",
            hints="routing:draft_args", not_inherited=("notes", "benefit_type", "benefit_amount", "benefit_people",
                                                       "benefit_recipients", "attendees"),
            ask_when_missing=(("account", "어느 거래처 방문 보고서인가요? 예: '한성대학교병원 방문 보고서 써줘: 김 교수님 면담…'"),
                              ("notes", "방문 내용을 알려 주세요. 예: '김 교수님 면담, 로수빛정 허가 적응증 설명, 다음 주 자료 전달'")),
            examples=("한성대학교병원 방문 보고서 써줘: 김 교수님 면담, 로수빛정 적응증 설명",
                      "오늘 방문한 거래처 보고서 초안 만들어줘", "방문 보고서 작성해줘", "write a visit report"),
        ),
        ToolSpec(
            name="draft_expenditure_export",
            description="지출보고서(경제적 이익 제공 내역: 수령자, 기관, 일자, 유형, 금액)를 엑셀(.xlsx)로 내보냅니다.",
            args=DraftExpenditureExportArgs, handler="handlers:draft_expenditure_export",
            status="지출보고서를 만드는 중…", hints="routing:export_args",
            examples=("지출보고서 엑셀로 내보내줘", "올해 경제적 이익 제공 내역 뽑아줘", "export the expenditure report"),
        ),
        ToolSpec(
            name="draft_briefing_plan",
            description="제품설명회 계획서(.docx): 1인당 식음료·기념품·판촉물 금액을 별표2 한도(설정값)와 비교해 점검합니다.",
            args=DraftBriefingPlanArgs, handler="handlers:draft_briefing_plan", status="제품설명회 계획서를 작성하는 중…",
            hints="routing:draft_args",
            ask_when_missing=(("account", "어느 거래처에서 여는 설명회인가요? 예: '한성대학교병원 제품설명회 계획서 만들어줘'"),
                              ("topic", "설명회 주제를 알려 주세요. 예: '로수빛정 허가 적응증과 임상 결과'"),
                              ("attendees", "참석 예정 인원은 몇 명인가요? 예: 12명")),
            examples=("한성대학교병원 제품설명회 계획서 만들어줘", "다음 주 설명회 계획서 작성해줘",
                      "제품설명회 계획 세워줘 12명 1인당 3만원", "draft a product briefing plan"),
        ),
        ToolSpec(
            name="draft_monthly_report",
            description="월간 실적 보고서(PDF·.docx): 질문한 사람의 범위(영업사원 본인, 팀장은 팀, 관리자는 전사)의 한 달 "
                        "매출·목표·달성률·전월 대비·전년 동월 대비, 제품별 실적, 거래처 상위/하위, 월별 추이·달성률 차트, "
                        "다음 달 계획. 생략 시 지난달.",
            args=DraftMonthlyReportArgs, handler="handlers:draft_monthly_report", status="월간 실적 보고서를 만드는 중…",
            hints="routing:monthly_args", not_inherited=("notes",),
            examples=("지난달 월간 실적 보고서 만들어줘", "월간 실적 보고서 작성해줘", "10월 월간 보고서 뽑아줘",
                      "이번 달 실적 보고서 pdf로 만들어줘", "월간 보고서 써줘", "월말 실적 보고서 초안",
                      "팀 월간 실적 보고서 만들어줘", "지난달 실적 보고서 문서로 만들어줘", "월간보고서 작성",
                      "2026년 9월 월간 실적 보고서", "월간 실적보고서 pdf", "monthly performance report for last month",
                      "지난달 월간 보고서 만들어줘: 신규 처방처 발굴, 로수빛정 설명회 추진",
                      "9월 월간보고서 작성해줘: 다음 달에는 이탈 위험 거래처 방문 강화",
                      "월간 실적 보고서 써줘 다음 달 계획: 신규 거래처 3곳 확보"),
        ),
        ToolSpec(
            name="draft_official_letter",
            description="거래처에 보내는 공문(PDF·.docx): 문서번호, 수신, 참조, 제목, 본문, 발신 명의, 시행일자. "
                        "컴플라이언스 점검 결과를 함께 보여주고 버전으로 저장합니다.",
            args=DraftOfficialLetterArgs, handler="handlers:draft_official_letter", status="공문을 작성하는 중…",
            hints="routing:letter_args", not_inherited=("body", "subject", "reference", "sender"),
            ask_when_missing=(("account", "어느 거래처에 보내는 공문인가요? 예: '한성대학교병원에 공문 작성해줘: 로수빛정 포장 단위 변경 안내'"),
                              ("body", "공문 본문을 알려 주세요. 예: '공문 작성해줘: 로수빛정 10mg 포장 단위 변경을 안내드립니다.'")),
            examples=("한성대학교병원에 공문 작성해줘: 로수빛정 포장 단위 변경 안내", "공문 작성해줘", "공문 써줘",
                      "거래처에 보낼 공문 초안 만들어줘", "약제부에 공문 보내야 해 작성해줘", "협조 요청 공문 작성",
                      "공급 가격 변경 안내 공문 만들어줘", "공문 pdf로 만들어줘", "공문 초안", "official letter to the hospital",
                      "새봄내과의원 앞으로 공문 써줘: 12월 제품설명회 일정을 안내드립니다",
                      "강남우리병원에 보낼 공문: 신제품 출시 안내", "공문 보내줘: 연말 재고 조사 협조를 요청드립니다",
                      "약제부장님께 공문 작성해줘 제목 납품 일정 변경 안내"),
        ),
        ToolSpec(
            name="draft_quotation",
            description="거래처 견적서(PDF·.docx): 제품 목록의 박스당 단가 × 수량, 공급가액, 부가세 10%, 합계, 유효기간.",
            args=DraftQuotationArgs, handler="handlers:draft_quotation", status="견적서를 작성하는 중…",
            hints="routing:quotation_args", not_inherited=("items", "notes", "valid_days"),
            ask_when_missing=(("account", "어느 거래처 견적서인가요? 예: '한성대학교병원에 로수빛정 100박스 견적서 뽑아줘'"),
                              ("items", "어떤 제품을 몇 박스 견적할까요? 예: '로수빛정 100박스, 한빛암로정 50박스'")),
            examples=("한성대학교병원에 로수빛정 100박스 견적서 뽑아줘", "견적서 만들어줘", "견적서 작성해줘",
                      "로수빛정 50박스 한빛암로정 30박스 견적 내줘", "견적서 pdf로 뽑아줘", "거래처 견적서 초안",
                      "견적 좀 내줘 다파빛정 20박스", "견적서 써줘", "quotation for 100 boxes"),
        ),
        ToolSpec(
            name="draft_revise",
            description="가장 최근 초안(방문 보고서의 방문 내용, 공문의 본문, 월간 실적 보고서의 다음 달 계획)을 "
                        "수정 요청대로 고쳐 새 버전으로 만듭니다(예: 두 번째 문단 더 짧게, 마지막 문단 삭제). "
                        "다시 컴플라이언스 점검합니다.",
            args=DraftReviseArgs, handler="handlers:draft_revise", status="보고서 초안을 고치는 중…",
            hints="routing:revise_args",
            ask_when_missing=(("instruction", "어떻게 고칠까요? 예: '두 번째 문단 더 짧게'"),),
            examples=("두 번째 문단 더 짧게 해줘", "보고서 마지막 문단 빼줘", "첫 번째 문단 줄여줘", "make the second paragraph shorter",
                      "다음 달 계획에 신규 거래처 2곳 확보 넣어서 다시", "보고서 계획에 텔미한정 집중 디테일링 추가해줘",
                      "공문 본문 더 정중하게 고쳐줘"),
        ),
    ),
    slash_commands=(
        SlashCommand(
            command="/draft", parser="commands:parse_draft",
            usage=("*/draft [거래처명]* — 방문 보고서 초안 작성 창을 엽니다(거래처·방문일·면담자·제품·메모). "
                   "초안(.docx)과 컴플라이언스 점검 결과를 DM으로 보내 드립니다.\n• `/draft 한성대학교병원`"),
        ),
    ),
)
