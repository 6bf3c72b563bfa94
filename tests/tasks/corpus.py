"""Paragraphs in the style of the conclusions of a city Party committee, with what a careful
reader would take from each: the lead(s), the co-operators, the job, the time, the result,
who accepts it and the responsibility statement.

Written for these tests: the bodies are those of Thành ủy Hải Dương and its wards, no real
person is named, and the wording follows the conclusions and announcements the office
issues (Kết luận, Thông báo kết luận). Keys are written out literally, not computed with
``canonical_body_key``, so that a wrong key cannot pass by being wrong on both sides.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from namro.tasks.clarity import Recurrence

D = dt.date

# Canonical keys of the bodies the paragraphs name.
BTV = "ban thuong vu thanh uy"
TT = "thuong truc thanh uy"
BCH = "ban chap hanh dang bo thanh pho"
BTC = "ban to chuc thanh uy"
BTG = "ban tuyen giao thanh uy"
BDV = "ban dan van thanh uy"
UBKT = "uy ban kiem tra thanh uy"
VP = "van phong thanh uy"
UBND = "uy ban nhan dan thanh pho"
MTTQ = "uy ban mat tran to quoc thanh pho"
TRAN_PHU = "dang uy phuong tran phu"
LE_THANH_NGHI = "dang uy phuong le thanh nghi"
DOAN_THE = "cac doan the chinh tri xa hoi thanh pho"


@dataclass(frozen=True)
class Case:
    id: str
    reference: dt.date
    text: str
    leads: tuple[str, ...]
    title: str
    co_operators: tuple[str, ...] = ()
    deadline: dt.date | None = None
    working_days: int | None = None
    recurrence: Recurrence | None = None
    acceptor: str | None = None
    result: str | None = None
    target: tuple[Decimal, str] | None = None
    responsibility: str | None = None
    xfail: str | None = None


CORPUS: tuple[Case, ...] = (
    Case(
        "de-an-chinh-trang-do-thi",
        D(2020, 3, 12),
        "Giao Ban Tuyên giáo Thành ủy chủ trì, phối hợp với UBND thành phố và các cơ quan liên quan xây dựng "
        "Đề án chỉnh trang đô thị gắn với phát triển du lịch thành phố giai đoạn 2020 - 2025, hoàn thành trước "
        "ngày 30/6/2020; báo cáo kết quả về Thường trực Thành ủy.",
        leads=(BTG,),
        co_operators=(UBND, "cac co quan lien quan"),
        title="xây dựng Đề án chỉnh trang đô thị gắn với phát triển du lịch thành phố giai đoạn 2020 - 2025",
        deadline=D(2020, 6, 30),
        acceptor=TT,
        result="Đề án chỉnh trang đô thị gắn với phát triển du lịch thành phố giai đoạn 2020 - 2025",
    ),
    Case(
        "ra-soat-chieu-sang",
        D(2020, 7, 2),
        "Đề nghị Ủy ban nhân dân thành phố chỉ đạo Phòng Quản lý đô thị rà soát toàn bộ hệ thống chiếu sáng công "
        "cộng trên địa bàn, xong trước ngày 15/8/2020, báo cáo Ban Thường vụ Thành ủy.",
        leads=(UBND,),
        title="chỉ đạo Phòng Quản lý đô thị rà soát toàn bộ hệ thống chiếu sáng công cộng trên địa bàn",
        deadline=D(2020, 8, 15),
        acceptor=BTV,
        result="báo cáo",
    ),
    Case(
        "quy-hoach-cap-uy",
        D(2020, 5, 20),
        "Ban Tổ chức Thành ủy có trách nhiệm hướng dẫn các đảng ủy, chi bộ trực thuộc rà soát, bổ sung quy hoạch "
        "cấp ủy nhiệm kỳ 2020 - 2025, hoàn thành trong quý III/2020; kết quả báo cáo Thường trực Thành ủy.",
        leads=(BTC,),
        title="hướng dẫn các đảng ủy, chi bộ trực thuộc rà soát, bổ sung quy hoạch cấp ủy nhiệm kỳ 2020 - 2025",
        deadline=D(2020, 9, 30),
        acceptor=TT,
        result="báo cáo",
    ),
    Case(
        "quy-che-lam-viec",
        D(2020, 7, 15),
        "Văn phòng Thành ủy chủ trì, phối hợp với Ban Tổ chức Thành ủy tham mưu dự thảo Quy chế làm việc của Ban "
        "Chấp hành Đảng bộ thành phố khóa XIX, nhiệm kỳ 2020 - 2025, trình Ban Thường vụ Thành ủy xem xét trong "
        "tháng 9.",
        leads=(VP,),
        co_operators=(BTC,),
        title="tham mưu dự thảo Quy chế làm việc của Ban Chấp hành Đảng bộ thành phố khóa XIX, nhiệm kỳ 2020 - 2025",
        deadline=D(2020, 9, 30),
        acceptor=BTV,
        result="dự thảo Quy chế làm việc của Ban Chấp hành Đảng bộ thành phố khóa XIX, nhiệm kỳ 2020 - 2025",
    ),
    Case(
        "doi-thoai-hai-phuong",
        D(2020, 9, 8),
        "Giao Đảng ủy phường Trần Phú và Đảng ủy phường Lê Thanh Nghị chủ trì tổ chức đối thoại giữa người đứng "
        "đầu cấp ủy, chính quyền với nhân dân về công tác giải phóng mặt bằng dự án mở rộng đường Thống Nhất "
        "trước ngày 20/10/2020.",
        leads=(TRAN_PHU, LE_THANH_NGHI),
        title="tổ chức đối thoại giữa người đứng đầu cấp ủy, chính quyền với nhân dân về công tác giải phóng mặt "
        "bằng dự án mở rộng đường Thống Nhất",
        deadline=D(2020, 10, 20),
    ),
    Case(
        "giai-phong-mat-bang-phia-tay",
        D(2020, 8, 20),
        "Giao đồng chí Chủ tịch UBND thành phố trực tiếp chỉ đạo hoàn thành giải phóng mặt bằng Khu đô thị phía "
        "Tây chậm nhất ngày 15/12/2020; chịu trách nhiệm trước Ban Thường vụ Thành ủy về tiến độ thực hiện.",
        leads=("chu tich uy ban nhan dan thanh pho",),
        title="trực tiếp chỉ đạo hoàn thành giải phóng mặt bằng Khu đô thị phía Tây",
        deadline=D(2020, 12, 15),
        responsibility="chịu trách nhiệm trước Ban Thường vụ Thành ủy về tiến độ thực hiện",
    ),
    Case(
        "du-sinh-hoat-chi-bo",
        D(2020, 10, 5),
        "Các đồng chí Ủy viên Ban Thường vụ Thành ủy được phân công phụ trách địa bàn có trách nhiệm thường xuyên "
        "dự sinh hoạt chi bộ khu dân cư, nắm tình hình cơ sở; hằng quý báo cáo Thường trực Thành ủy.",
        leads=("cac uy vien ban thuong vu thanh uy duoc phan cong phu trach dia ban",),
        title="thường xuyên dự sinh hoạt chi bộ khu dân cư, nắm tình hình cơ sở",
        recurrence=Recurrence.QUARTERLY,
        acceptor=TT,
        result="báo cáo",
    ),
    Case(
        "xac-minh-don-phan-anh",
        D(2020, 6, 10),
        "Giao Ủy ban Kiểm tra Thành ủy chủ trì, phối hợp với Ban Tổ chức Thành ủy xác minh, làm rõ nội dung đơn "
        "phản ánh liên quan đến Đảng ủy phường Lê Thanh Nghị, trong 15 ngày làm việc kể từ ngày ban hành thông "
        "báo này; báo cáo kết quả về Thường trực Thành ủy.",
        leads=(UBKT,),
        co_operators=(BTC,),
        title="xác minh, làm rõ nội dung đơn phản ánh liên quan đến Đảng ủy phường Lê Thanh Nghị",
        working_days=15,
        acceptor=TT,
        result="báo cáo kết quả",
    ),
    Case(
        "chuong-trinh-toan-khoa",
        D(2020, 11, 25),
        "Giao Văn phòng Thành ủy chủ trì, phối hợp với các ban xây dựng Đảng Thành ủy tham mưu xây dựng Chương "
        "trình làm việc toàn khóa của Ban Chấp hành Đảng bộ thành phố, trình Ban Thường vụ Thành ủy trước 15/01.",
        leads=(VP,),
        co_operators=("cac ban xay dung dang thanh uy",),
        title="tham mưu xây dựng Chương trình làm việc toàn khóa của Ban Chấp hành Đảng bộ thành phố",
        deadline=D(2021, 1, 15),
        acceptor=BTV,
        result="Chương trình làm việc toàn khóa của Ban Chấp hành Đảng bộ thành phố",
    ),
    Case(
        "so-ket-dan-van-chinh-quyen",
        D(2020, 10, 15),
        "Giao Ban Dân vận Thành ủy chủ trì, phối hợp với Ủy ban MTTQ thành phố và các đoàn thể chính trị - xã hội "
        "thành phố tổ chức sơ kết 5 năm thực hiện Chỉ thị số 05-CT/TU của Ban Thường vụ Thành ủy về công tác dân "
        "vận chính quyền trong tháng 12/2020; báo cáo Ban Thường vụ Thành ủy.",
        leads=(BDV,),
        co_operators=(MTTQ, DOAN_THE),
        title="tổ chức sơ kết 5 năm thực hiện Chỉ thị số 05-CT/TU của Ban Thường vụ Thành ủy về công tác dân vận "
        "chính quyền",
        deadline=D(2020, 12, 31),
        acceptor=BTV,
        result="báo cáo",
    ),
    Case(
        "kien-toan-chi-uy",
        D(2020, 6, 18),
        "Đề nghị Đảng ủy phường Trần Phú hoàn thành việc kiện toàn chi ủy, bí thư chi bộ khu dân cư số 5 trong "
        "quý 3 năm 2020.",
        leads=(TRAN_PHU,),
        title="hoàn thành việc kiện toàn chi ủy, bí thư chi bộ khu dân cư số 5",
        deadline=D(2020, 9, 30),
    ),
    Case(
        "trat-tu-xay-dung",
        D(2020, 12, 28),
        "Yêu cầu UBND thành phố chỉ đạo giảm 20% số vụ vi phạm trật tự xây dựng đô thị so với năm 2020, thực hiện "
        "trong 6 tháng đầu năm 2021; chịu trách nhiệm trước Ban Thường vụ Thành ủy về kết quả thực hiện.",
        leads=(UBND,),
        title="chỉ đạo giảm 20% số vụ vi phạm trật tự xây dựng đô thị so với năm 2020",
        deadline=D(2021, 6, 30),
        target=(Decimal(20), "%"),
        result="giảm 20% số vụ vi phạm trật tự xây dựng đô thị so với năm 2020",
        responsibility="chịu trách nhiệm trước Ban Thường vụ Thành ủy về kết quả thực hiện",
    ),
    Case(
        "tai-lieu-lich-su-dang-bo",
        D(2020, 4, 3),
        "Giao Ban Tuyên giáo Thành ủy chủ trì biên soạn, phát hành tài liệu tuyên truyền về lịch sử Đảng bộ thành "
        "phố trong 6 tháng cuối năm; báo cáo kết quả về Văn phòng Thành ủy để tổng hợp, báo cáo Thường trực Thành "
        "ủy.",
        leads=(BTG,),
        title="biên soạn, phát hành tài liệu tuyên truyền về lịch sử Đảng bộ thành phố",
        deadline=D(2020, 12, 31),
        acceptor=TT,
        result="tài liệu tuyên truyền về lịch sử Đảng bộ thành phố",
    ),
    Case(
        "duong-giao-thong-noi-dong",
        D(2021, 1, 20),
        "Giao UBND thành phố chủ trì, phối hợp với Ủy ban MTTQ thành phố vận động nhân dân hiến đất, hoàn thành "
        "15 km đường giao thông nội đồng trong năm 2021.",
        leads=(UBND,),
        co_operators=(MTTQ,),
        title="vận động nhân dân hiến đất, hoàn thành 15 km đường giao thông nội đồng",
        deadline=D(2021, 12, 31),
        target=(Decimal(15), "km"),
        result="hoàn thành 15 km đường giao thông nội đồng",
    ),
    Case(
        "huy-hieu-dang-truoc-tet",
        D(2020, 12, 20),
        "Giao Ban Tổ chức Thành ủy chủ trì, phối hợp với Văn phòng Thành ủy tổ chức trao Huy hiệu Đảng cho đảng "
        "viên đủ tuổi Đảng trước Tết Nguyên đán Tân Sửu.",
        leads=(BTC,),
        co_operators=(VP,),
        title="tổ chức trao Huy hiệu Đảng cho đảng viên đủ tuổi Đảng",
        # Tết Tân Sửu is 12/02/2021; its eve is 11/02; the working day before is Wednesday 10/02.
        deadline=D(2021, 2, 10),
    ),
    Case(
        "nghiem-quy-dinh-nen-guong",
        D(2020, 3, 2),
        "Yêu cầu các cấp ủy, tổ chức đảng trực thuộc thường xuyên quán triệt, thực hiện nghiêm Quy định số "
        "08-QĐi/TW về trách nhiệm nêu gương của cán bộ, đảng viên.",
        leads=("cac cap uy to chuc dang truc thuoc",),
        title="thường xuyên quán triệt, thực hiện nghiêm Quy định số 08-QĐi/TW về trách nhiệm nêu gương của cán "
        "bộ, đảng viên",
        recurrence=Recurrence.CONTINUOUS,
    ),
    Case(
        "don-doc-thuc-hien-ket-luan",
        D(2020, 1, 6),
        "Giao Văn phòng Thành ủy theo dõi, đôn đốc việc thực hiện các kết luận của Ban Thường vụ Thành ủy, hằng "
        "tháng tổng hợp, báo cáo Thường trực Thành ủy tại hội nghị giao ban.",
        leads=(VP,),
        title="theo dõi, đôn đốc việc thực hiện các kết luận của Ban Thường vụ Thành ủy",
        recurrence=Recurrence.MONTHLY,
        acceptor=TT,
        result="báo cáo",
    ),
    Case(
        "giam-sat-ke-khai-tai-san",
        D(2020, 2, 10),
        "Ủy ban Kiểm tra Thành ủy có trách nhiệm giám sát việc kê khai tài sản, thu nhập của cán bộ thuộc diện Ban "
        "Thường vụ Thành ủy quản lý, định kỳ 6 tháng báo cáo Ban Thường vụ Thành ủy.",
        leads=(UBKT,),
        title="giám sát việc kê khai tài sản, thu nhập của cán bộ thuộc diện Ban Thường vụ Thành ủy quản lý",
        recurrence=Recurrence.HALF_YEARLY,
        acceptor=BTV,
        result="báo cáo",
    ),
    Case(
        "ky-niem-90-nam-thanh-lap-dang",
        D(2019, 12, 16),
        "Giao Văn phòng Thành ủy chủ trì, phối hợp với Ban Tuyên giáo Thành ủy hoàn thiện Kế hoạch tổ chức các "
        "hoạt động kỷ niệm 90 năm Ngày thành lập Đảng, trình Thường trực Thành ủy ký ban hành trong 10 ngày kể "
        "từ ngày ban hành Thông báo kết luận này.",
        leads=(VP,),
        co_operators=(BTG,),
        title="hoàn thiện Kế hoạch tổ chức các hoạt động kỷ niệm 90 năm Ngày thành lập Đảng",
        working_days=10,
        acceptor=TT,
        result="Kế hoạch tổ chức các hoạt động kỷ niệm 90 năm Ngày thành lập Đảng",
    ),
    Case(
        "cam-ket-trat-tu-do-thi",
        D(2020, 5, 11),
        "Đề nghị Đảng ủy phường Lê Thanh Nghị chỉ đạo các chi bộ khu dân cư phấn đấu đến hết năm 2020 có 100% hộ "
        "gia đình ký cam kết không vi phạm trật tự đô thị; báo cáo kết quả về Thường trực Thành ủy.",
        leads=(LE_THANH_NGHI,),
        title="chỉ đạo các chi bộ khu dân cư phấn đấu đến hết năm 2020 có 100% hộ gia đình ký cam kết không vi "
        "phạm trật tự đô thị",
        deadline=D(2020, 12, 31),
        target=(Decimal(100), "%"),
        result="100% hộ gia đình ký cam kết không vi phạm trật tự đô thị",
        acceptor=TT,
    ),
    Case(
        "ket-nap-dang-vien",
        D(2020, 2, 14),
        "Giao Ban Tổ chức Thành ủy hướng dẫn, đôn đốc các đảng bộ, chi bộ trực thuộc kết nạp ít nhất 120 đảng viên "
        "mới trong năm 2020; định kỳ hằng quý báo cáo Ban Thường vụ Thành ủy.",
        leads=(BTC,),
        title="hướng dẫn, đôn đốc các đảng bộ, chi bộ trực thuộc kết nạp ít nhất 120 đảng viên mới",
        deadline=D(2020, 12, 31),
        target=(Decimal(120), "đảng viên"),
        result="kết nạp ít nhất 120 đảng viên mới",
        acceptor=BTV,
    ),
    Case(
        "van-kien-dai-hoi",
        D(2020, 2, 20),
        "Thường trực Thành ủy giao đồng chí Phó Bí thư Thường trực Thành ủy trực tiếp chỉ đạo việc chuẩn bị nội "
        "dung, văn kiện Đại hội Đảng bộ thành phố lần thứ XIX; dự thảo Báo cáo chính trị trình Ban Chấp hành Đảng "
        "bộ thành phố cho ý kiến trước ngày 30/4/2020.",
        leads=("pho bi thu thuong truc thanh uy",),
        title="trực tiếp chỉ đạo việc chuẩn bị nội dung, văn kiện Đại hội Đảng bộ thành phố lần thứ XIX",
        deadline=D(2020, 4, 30),
        acceptor=BCH,
        result="dự thảo Báo cáo chính trị",
    ),
    Case(
        "kien-toan-dang-uy-tu-minh",
        D(2020, 8, 25),
        "Ban Thường vụ Thành ủy giao Ban Tổ chức Thành ủy chủ trì, phối hợp với Ủy ban Kiểm tra Thành ủy thẩm định "
        "hồ sơ, đề xuất phương án kiện toàn Ban Chấp hành Đảng bộ phường Tứ Minh, trình Ban Thường vụ Thành ủy "
        "trước ngày 10/9/2020.",
        leads=(BTC,),
        co_operators=(UBKT,),
        title="thẩm định hồ sơ, đề xuất phương án kiện toàn Ban Chấp hành Đảng bộ phường Tứ Minh",
        deadline=D(2020, 9, 10),
        acceptor=BTV,
        result="phương án kiện toàn Ban Chấp hành Đảng bộ phường Tứ Minh",
    ),
    Case(
        "an-ninh-dai-hoi",
        D(2020, 7, 1),
        "Giao Ban Chỉ huy Quân sự thành phố chủ trì, phối hợp với Công an thành phố xây dựng Kế hoạch bảo vệ an "
        "ninh, trật tự Đại hội Đảng bộ thành phố, hoàn thành trước ngày 15 tháng 8 năm 2020; báo cáo kết quả về "
        "Thường trực Thành ủy.",
        leads=("ban chi huy quan su thanh pho",),
        co_operators=("cong an thanh pho",),
        title="xây dựng Kế hoạch bảo vệ an ninh, trật tự Đại hội Đảng bộ thành phố",
        deadline=D(2020, 8, 15),
        acceptor=TT,
        result="Kế hoạch bảo vệ an ninh, trật tự Đại hội Đảng bộ thành phố",
    ),
    Case(
        "tong-ket-cuu-chien-binh",
        D(2020, 11, 10),
        "Đề nghị Hội Cựu chiến binh thành phố phối hợp với Đảng ủy các phường, xã tổng kết 20 năm phong trào "
        "“Cựu chiến binh gương mẫu”, hoàn thành trong quý I; báo cáo Ban Thường vụ Thành ủy.",
        leads=("hoi cuu chien binh thanh pho",),
        co_operators=("dang uy cac phuong xa",),
        title="tổng kết 20 năm phong trào “Cựu chiến binh gương mẫu”",
        deadline=D(2021, 3, 31),
        acceptor=BTV,
        result="báo cáo",
    ),
    Case(
        "tong-ket-thi-dua",
        D(2020, 8, 31),
        "- Trong tháng 10/2020, Văn phòng Thành ủy chủ trì tổ chức tổng kết công tác thi đua, khen thưởng nhiệm "
        "kỳ 2015 - 2020; báo cáo Ban Thường vụ Thành ủy.",
        leads=(VP,),
        title="tổ chức tổng kết công tác thi đua, khen thưởng nhiệm kỳ 2015 - 2020",
        deadline=D(2020, 10, 31),
        acceptor=BTV,
        result="báo cáo",
    ),
    Case(
        "pa-no-dai-hoi",
        D(2020, 8, 12),
        "Giao Ban Tuyên giáo Thành ủy chủ trì thẩm định nội dung pa-nô, áp phích tuyên truyền Đại hội, xong trước "
        "tháng 10/2020.",
        leads=(BTG,),
        title="thẩm định nội dung pa-nô, áp phích tuyên truyền Đại hội",
        deadline=D(2020, 9, 30),
    ),
    Case(
        "an-ninh-hang-tuan",
        D(2020, 9, 1),
        "Giao Công an thành phố chủ trì nắm tình hình an ninh chính trị, trật tự an toàn xã hội trên địa bàn, hằng "
        "tuần báo cáo đồng chí Bí thư Thành ủy.",
        leads=("cong an thanh pho",),
        title="nắm tình hình an ninh chính trị, trật tự an toàn xã hội trên địa bàn",
        recurrence=Recurrence.WEEKLY,
        acceptor="bi thu thanh uy",
        result="báo cáo",
    ),
    Case(
        "y-kien-cu-tri",
        D(2020, 6, 1),
        "Giao Ban Dân vận Thành ủy chủ trì, phối hợp với Ủy ban MTTQ thành phố tổng hợp ý kiến, kiến nghị của cử "
        "tri và nhân dân trước và sau kỳ họp Hội đồng nhân dân thành phố, báo cáo Thường trực Thành ủy.",
        leads=(BDV,),
        co_operators=(MTTQ,),
        title="tổng hợp ý kiến, kiến nghị của cử tri và nhân dân trước và sau kỳ họp Hội đồng nhân dân thành phố",
        acceptor=TT,
        result="báo cáo",
    ),
    Case(
        "ban-giao-mat-bang-truong-hoc",
        D(2020, 6, 15),
        "Đề nghị khẩn trương hoàn thành việc bàn giao mặt bằng xây dựng Trường Tiểu học Ngọc Châu trước ngày "
        "31/7/2020.",
        leads=(),
        title="khẩn trương hoàn thành việc bàn giao mặt bằng xây dựng Trường Tiểu học Ngọc Châu",
        deadline=D(2020, 7, 31),
    ),
    Case(
        "de-cuong-tuyen-truyen",
        D(2020, 7, 20),
        "Đồng chí Trưởng Ban Tuyên giáo Thành ủy có trách nhiệm chỉ đạo xây dựng Đề cương tuyên truyền Đại hội "
        "Đảng bộ thành phố lần thứ XIX, xong trước ngày 20/8/2020.",
        leads=("truong ban tuyen giao thanh uy",),
        title="chỉ đạo xây dựng Đề cương tuyên truyền Đại hội Đảng bộ thành phố lần thứ XIX",
        deadline=D(2020, 8, 20),
        result="Đề cương tuyên truyền Đại hội Đảng bộ thành phố lần thứ XIX",
    ),
    Case(
        "quy-che-dan-chu-viet-tat",
        D(2020, 9, 14),
        "Giao BTV Đảng ủy phường Ngọc Châu chủ trì, phối hợp với UBKT Thành ủy kiểm tra việc thực hiện quy chế dân "
        "chủ ở cơ sở tại chi bộ khu dân cư số 3, hoàn thành trong tháng 11/2020, báo cáo BTV Thành ủy.",
        leads=("ban thuong vu dang uy phuong ngoc chau",),
        co_operators=(UBKT,),
        title="kiểm tra việc thực hiện quy chế dân chủ ở cơ sở tại chi bộ khu dân cư số 3",
        deadline=D(2020, 11, 30),
        acceptor=BTV,
        result="báo cáo",
    ),
    Case(
        "bieu-duong-dang-vien-tre",
        D(2020, 12, 10),
        "Giao Ban Tổ chức, Ban Tuyên giáo Thành ủy chủ trì tham mưu tổ chức Hội nghị biểu dương đảng viên trẻ tiêu "
        "biểu, hoàn thành trước ngày 3/2/2021; báo cáo Thường trực Thành ủy.",
        leads=(BTC, BTG),
        title="tham mưu tổ chức Hội nghị biểu dương đảng viên trẻ tiêu biểu",
        deadline=D(2021, 2, 3),
        acceptor=TT,
        result="báo cáo",
    ),
    Case(
        "bao-cao-kiem-diem",
        D(2020, 11, 30),
        "Đề nghị các đảng ủy, chi bộ trực thuộc gửi báo cáo kiểm điểm tập thể và cá nhân năm 2020 về Ban Tổ chức "
        "Thành ủy chậm nhất là ngày 25/12/2020.",
        leads=("cac dang uy chi bo truc thuoc",),
        title="gửi báo cáo kiểm điểm tập thể và cá nhân năm 2020 về Ban Tổ chức Thành ủy",
        deadline=D(2020, 12, 25),
        result="báo cáo kiểm điểm tập thể và cá nhân năm 2020 về Ban Tổ chức Thành ủy",
    ),
    Case(
        "tiep-cong-dan",
        D(2020, 3, 16),
        "Yêu cầu người đứng đầu cấp ủy, chính quyền các phường thường xuyên tiếp công dân theo quy định, chịu "
        "trách nhiệm trước Ban Thường vụ Thành ủy nếu để xảy ra khiếu kiện đông người, vượt cấp.",
        leads=("nguoi dung dau cap uy chinh quyen cac phuong",),
        title="thường xuyên tiếp công dân theo quy định",
        recurrence=Recurrence.CONTINUOUS,
        responsibility="chịu trách nhiệm trước Ban Thường vụ Thành ủy nếu để xảy ra khiếu kiện đông người, vượt cấp",
    ),
    Case(
        "de-an-vi-tri-viec-lam",
        D(2020, 8, 3),
        "Giao Ban Tổ chức Thành ủy chủ trì rà soát, hoàn thiện Đề án vị trí việc làm trong các cơ quan Đảng, Mặt "
        "trận Tổ quốc và đoàn thể thành phố. Thời gian hoàn thành: chậm nhất ngày 30/10/2020.",
        leads=(BTC,),
        title="rà soát, hoàn thiện Đề án vị trí việc làm trong các cơ quan Đảng, Mặt trận Tổ quốc và đoàn thể "
        "thành phố",
        deadline=D(2020, 10, 30),
        result="Đề án vị trí việc làm trong các cơ quan Đảng, Mặt trận Tổ quốc và đoàn thể thành phố",
    ),
    Case(
        "trong-cay-xanh",
        D(2021, 1, 15),
        "Đề nghị Thành đoàn chủ trì, phối hợp với Hội Liên hiệp Phụ nữ thành phố, Liên đoàn Lao động thành phố tổ "
        "chức trồng 5.000 cây xanh tại các tuyến đường mới, hoàn thành trước ngày 31/3/2021; báo cáo kết quả về "
        "Ban Dân vận Thành ủy.",
        leads=("thanh doan",),
        co_operators=("hoi lien hiep phu nu thanh pho", "lien doan lao dong thanh pho"),
        title="tổ chức trồng 5.000 cây xanh tại các tuyến đường mới",
        deadline=D(2021, 3, 31),
        target=(Decimal(5000), "cây xanh"),
        result="trồng 5.000 cây xanh tại các tuyến đường mới",
        acceptor=BDV,
    ),
    Case(
        "chuong-trinh-kiem-tra-giam-sat",
        D(2020, 12, 10),
        "Giao Ủy ban Kiểm tra Thành ủy hằng năm xây dựng chương trình kiểm tra, giám sát, trình Ban Thường vụ "
        "Thành ủy phê duyệt trong tháng 01.",
        leads=(UBKT,),
        title="xây dựng chương trình kiểm tra, giám sát",
        deadline=D(2021, 1, 31),
        acceptor=BTV,
        result="chương trình kiểm tra, giám sát",
    ),
    Case(
        "quy-phong-chong-thien-tai",
        D(2020, 9, 21),
        "Đề nghị Ủy ban MTTQ thành phố chủ trì, phối hợp cùng các đoàn thể chính trị - xã hội thành phố giám sát "
        "việc thu, chi quỹ phòng, chống thiên tai tại các phường, xã trong quý IV/2020; báo cáo kết quả về Thường "
        "trực Thành ủy.",
        leads=(MTTQ,),
        co_operators=(DOAN_THE,),
        title="giám sát việc thu, chi quỹ phòng, chống thiên tai tại các phường, xã",
        deadline=D(2020, 12, 31),
        acceptor=TT,
        result="báo cáo kết quả",
    ),
    Case(
        "thu-gom-rac-thai",
        D(2020, 4, 1),
        "Đề nghị UBND thành phố chỉ đạo nâng tỷ lệ thu gom, xử lý rác thải sinh hoạt đô thị đạt 95,5% trước ngày "
        "31/12/2020; báo cáo Ban Thường vụ Thành ủy.",
        leads=(UBND,),
        title="chỉ đạo nâng tỷ lệ thu gom, xử lý rác thải sinh hoạt đô thị đạt 95,5%",
        deadline=D(2020, 12, 31),
        target=(Decimal("95.5"), "%"),
        result="đạt 95,5%",
        acceptor=BTV,
    ),
    Case(
        "dau-cu-uy-hoa",
        D(2020, 8, 17),
        # old-style tone marks, as in many pasted documents: "Uỷ", "Thành uỷ", "hoà"
        "Giao Uỷ ban Kiểm tra Thành uỷ chủ trì, phối hợp với Văn phòng Thành uỷ hoà giải, xử lý dứt điểm vụ việc "
        "tại chi bộ khu dân cư số 2, hoàn thành trước ngày 15/9/2020; báo cáo Thường trực Thành uỷ.",
        leads=(UBKT,),
        co_operators=(VP,),
        title="hoà giải, xử lý dứt điểm vụ việc tại chi bộ khu dân cư số 2",
        deadline=D(2020, 9, 15),
        acceptor=TT,
        result="báo cáo",
    ),
    Case(
        "go-khong-dau",
        D(2020, 6, 2),
        # typed without diacritics
        "Giao Ban Dan van Thanh uy chu tri, phoi hop voi UBND thanh pho to chuc doi thoai voi nhan dan phuong Tu "
        "Minh, hoan thanh trong thang 7/2020; bao cao Thuong truc Thanh uy.",
        leads=(BDV,),
        co_operators=(UBND,),
        title="to chuc doi thoai voi nhan dan phuong Tu Minh",
        deadline=D(2020, 7, 31),
        acceptor=TT,
        result="bao cao",
    ),
    Case(
        "thanh-tra-ngan-sach",
        D(2021, 3, 2),
        "Giao Thanh tra thành phố chủ trì, phối hợp với Phòng Tài chính - Kế hoạch thanh tra việc quản lý, sử dụng "
        "ngân sách tại các phường, hoàn thành trong quý II/2021; báo cáo kết quả về Ủy ban Kiểm tra Thành ủy.",
        leads=("thanh tra thanh pho",),
        title="thanh tra việc quản lý, sử dụng ngân sách tại các phường",
        co_operators=("phong tai chinh ke hoach",),
        deadline=D(2021, 6, 30),
        acceptor=UBKT,
        result="báo cáo kết quả",
    ),
    Case(
        "cho-tam-tu-minh",
        D(2020, 9, 1),
        "Đề nghị Đảng ủy phường Tứ Minh tiếp thu ý kiến của nhân dân, điều chỉnh phương án di chuyển chợ tạm, báo "
        "cáo Thường trực Thành ủy trước ngày 25/9/2020.",
        leads=("dang uy phuong tu minh",),
        title="tiếp thu ý kiến của nhân dân, điều chỉnh phương án di chuyển chợ tạm",
        deadline=D(2020, 9, 25),
        acceptor=TT,
        result="phương án di chuyển chợ tạm",
    ),
    Case(
        "khac-phuc-sau-kiem-diem",
        D(2021, 2, 20),
        "Yêu cầu Ban Thường vụ các đảng ủy phường, xã xây dựng kế hoạch khắc phục hạn chế, khuyết điểm sau kiểm "
        "điểm, gửi về Ban Tổ chức Thành ủy trước ngày 15/3/2021.",
        leads=("ban thuong vu cac dang uy phuong xa",),
        title="xây dựng kế hoạch khắc phục hạn chế, khuyết điểm sau kiểm điểm, gửi về Ban Tổ chức Thành ủy",
        deadline=D(2021, 3, 15),
        result="kế hoạch khắc phục hạn chế, khuyết điểm sau kiểm điểm",
    ),
    Case(
        "pho-chu-tich-phu-trach",
        D(2021, 1, 5),
        "Giao đồng chí Phó Chủ tịch UBND thành phố phụ trách khối đô thị chỉ đạo lắp đặt 300 bóng đèn chiếu sáng tại "
        "các ngõ, xóm trong năm 2021.",
        leads=("pho chu tich uy ban nhan dan thanh pho phu trach khoi do thi",),
        title="chỉ đạo lắp đặt 300 bóng đèn chiếu sáng tại các ngõ, xóm",
        deadline=D(2021, 12, 31),
        result="lắp đặt 300 bóng đèn chiếu sáng tại các ngõ, xóm",
        target=(Decimal("300"), "bóng đèn"),
    ),
    Case(
        "an-ninh-dip-tet",
        D(2021, 1, 5),
        "Ban Thường vụ Thành ủy yêu cầu Đảng ủy Công an thành phố lãnh đạo làm tốt công tác bảo đảm an ninh trật tự "
        "dịp Tết Nguyên đán Tân Sửu 2021.",
        leads=("dang uy cong an thanh pho",),
        title="lãnh đạo làm tốt công tác bảo đảm an ninh trật tự dịp Tết Nguyên đán Tân Sửu 2021",
    ),
    Case(
        "o-nhiem-cum-cong-nghiep",
        D(2020, 7, 20),
        "Giao UBND thành phố chỉ đạo các phòng, ban chuyên môn phối hợp với Đảng ủy phường Bình Hàn giải quyết dứt "
        "điểm kiến nghị của nhân dân về ô nhiễm môi trường tại cụm công nghiệp, trong tháng 8/2020.",
        leads=(UBND,),
        title="chỉ đạo các phòng, ban chuyên môn phối hợp với Đảng ủy phường Bình Hàn giải quyết dứt điểm kiến nghị "
        "của nhân dân về ô nhiễm môi trường tại cụm công nghiệp",
        co_operators=("dang uy phuong binh han",),
        deadline=D(2020, 8, 31),
    ),
    Case(
        "tai-hoi-nghi-thang",
        D(2020, 9, 14),
        "Đề nghị Ủy ban nhân dân thành phố báo cáo Ban Thường vụ Thành ủy về tiến độ thực hiện các dự án trọng điểm "
        "tại hội nghị tháng 10/2020.",
        leads=(UBND,),
        title="báo cáo Ban Thường vụ Thành ủy về tiến độ thực hiện các dự án trọng điểm",
        deadline=D(2020, 10, 31),
        acceptor=BTV,
        result="báo cáo",
    ),
    Case(
        "trinh-quyet-dinh-bo-nhiem",
        D(2020, 5, 4),
        "Giao Ban Tổ chức Thành ủy chủ trì thẩm định, trình Ban Thường vụ Thành ủy quyết định việc bổ nhiệm lại cán "
        "bộ thuộc diện Ban Thường vụ Thành ủy quản lý theo quy định.",
        leads=(BTC,),
        title="thẩm định, trình Ban Thường vụ Thành ủy quyết định việc bổ nhiệm lại cán bộ thuộc diện Ban Thường vụ "
        "Thành ủy quản lý theo quy định",
        acceptor=BTV,
    ),
    Case(
        "gach-dau-dong-nhom-dang-uy",
        D(2020, 10, 20),
        "- Các đảng ủy phường, xã tổ chức cho 100% cán bộ, đảng viên học tập, quán triệt Nghị quyết Đại hội Đảng bộ "
        "thành phố, xong trước ngày 31/12/2020.",
        leads=("cac dang uy phuong xa",),
        title="tổ chức cho 100% cán bộ, đảng viên học tập, quán triệt Nghị quyết Đại hội Đảng bộ thành phố",
        deadline=D(2020, 12, 31),
        result="100% cán bộ, đảng viên học tập, quán triệt Nghị quyết Đại hội Đảng bộ thành phố",
        target=(Decimal("100"), "%"),
    ),
    Case(
        "kiem-tra-dau-hieu-vi-pham",
        D(2020, 10, 20),
        "Giao Ủy ban Kiểm tra Thành ủy tiến hành kiểm tra dấu hiệu vi phạm đối với tổ chức đảng và đảng viên có liên "
        "quan, kết luận trước ngày 30/11/2020, báo cáo Ban Thường vụ Thành ủy.",
        leads=(UBKT,),
        title="tiến hành kiểm tra dấu hiệu vi phạm đối với tổ chức đảng và đảng viên có liên quan, kết luận",
        deadline=D(2020, 11, 30),
        acceptor=BTV,
        result="báo cáo",
    ),
    Case(
        "lam-viec-doanh-nghiep",
        D(2020, 10, 20),
        "Thường trực Thành ủy giao Văn phòng Thành ủy phối hợp với Ban Tuyên giáo Thành ủy chuẩn bị nội dung buổi "
        "làm việc của Thường trực Thành ủy với các doanh nghiệp trên địa bàn, hoàn thành trước ngày 5/11/2020.",
        leads=(VP,),
        title="chuẩn bị nội dung buổi làm việc của Thường trực Thành ủy với các doanh nghiệp trên địa bàn",
        co_operators=(BTG,),
        deadline=D(2020, 11, 5),
    ),
    Case(
        "hien-mau",
        D(2021, 1, 4),
        "Đề nghị Liên đoàn Lao động thành phố chủ trì vận động công nhân, viên chức, người lao động tham gia hiến "
        "máu tình nguyện, phấn đấu đạt 1.500 đơn vị máu trong năm 2021.",
        leads=("lien doan lao dong thanh pho",),
        title="vận động công nhân, viên chức, người lao động tham gia hiến máu tình nguyện, phấn đấu đạt 1.500 đơn "
        "vị máu",
        deadline=D(2021, 12, 31),
        result="đạt 1.500 đơn vị máu",
        target=(Decimal("1500"), "đơn vị máu"),
    ),
    Case(
        "tranh-chap-dat-dai",
        D(2020, 10, 12),
        "Đề nghị đồng chí Bí thư Đảng ủy phường Ngọc Châu trực tiếp chỉ đạo giải quyết dứt điểm vụ việc tranh chấp "
        "đất đai tại khu dân cư số 4; báo cáo kết quả về Thường trực Thành ủy trong tháng 11/2020.",
        leads=("bi thu dang uy phuong ngoc chau",),
        title="trực tiếp chỉ đạo giải quyết dứt điểm vụ việc tranh chấp đất đai tại khu dân cư số 4",
        deadline=D(2020, 11, 30),
        acceptor=TT,
        result="báo cáo kết quả",
    ),
    Case(
        "chi-thi-giao-duc-chinh-tri",
        D(2020, 12, 15),
        "Giao Ban Tuyên giáo Thành ủy tham mưu Ban Thường vụ Thành ủy ban hành Chỉ thị về tăng cường công tác giáo "
        "dục chính trị, tư tưởng trong tình hình mới, trình Ban Thường vụ Thành ủy trong quý I/2021.",
        leads=(BTG,),
        title="tham mưu Ban Thường vụ Thành ủy ban hành Chỉ thị về tăng cường công tác giáo dục chính trị, tư tưởng "
        "trong tình hình mới",
        deadline=D(2021, 3, 31),
        acceptor=BTV,
        result="Chỉ thị về tăng cường công tác giáo dục chính trị, tư tưởng trong tình hình mới",
    ),
    Case(
        "kiem-tra-dot-xuat",
        D(2021, 1, 11),
        "- Ủy ban Kiểm tra Thành ủy chủ trì giúp Ban Thường vụ Thành ủy kiểm tra đột xuất 02 tổ chức đảng có dấu "
        "hiệu vi phạm trong năm 2021.",
        leads=(UBKT,),
        title="giúp Ban Thường vụ Thành ủy kiểm tra đột xuất 02 tổ chức đảng có dấu hiệu vi phạm",
        deadline=D(2021, 12, 31),
        result="02 tổ chức đảng có dấu hiệu vi phạm",
        target=(Decimal("2"), "tổ chức đảng"),
    ),
    Case(
        "lan-moi-nam",
        D(2021, 1, 11),
        "Yêu cầu các đồng chí Thành ủy viên được phân công theo dõi địa bàn dự sinh hoạt với chi bộ khu dân cư ít "
        "nhất 02 lần/năm.",
        leads=("cac thanh uy vien duoc phan cong theo doi dia ban",),
        title="dự sinh hoạt với chi bộ khu dân cư",
        recurrence=Recurrence.YEARLY,
    ),
    Case(
        "du-kien-ngay",
        D(2020, 11, 20),
        "Giao Văn phòng Thành ủy phối hợp với Ban Tổ chức Thành ủy chuẩn bị chu đáo các điều kiện tổ chức Hội nghị "
        "Ban Chấp hành Đảng bộ thành phố lần thứ 3, thời gian tổ chức dự kiến ngày 25/12/2020.",
        leads=(VP,),
        title="chuẩn bị chu đáo các điều kiện tổ chức Hội nghị Ban Chấp hành Đảng bộ thành phố lần thứ 3",
        co_operators=(BTC,),
        deadline=D(2020, 12, 25),
    ),
    Case(
        "nghi-quyet-dau-tu-cong",
        D(2020, 11, 2),
        "Đề nghị Đảng đoàn Hội đồng nhân dân thành phố lãnh đạo kỳ họp thứ 12 HĐND thành phố xem xét, thông qua Nghị "
        "quyết về kế hoạch đầu tư công trung hạn giai đoạn 2021 - 2025 trong tháng 12/2020.",
        leads=("dang doan hoi dong nhan dan thanh pho",),
        title="lãnh đạo kỳ họp thứ 12 HĐND thành phố xem xét, thông qua Nghị quyết về kế hoạch đầu tư công trung hạn "
        "giai đoạn 2021 - 2025",
        deadline=D(2020, 12, 31),
        result="Nghị quyết về kế hoạch đầu tư công trung hạn giai đoạn 2021 - 2025",
    ),
    Case(
        "sap-nhap-truong",
        D(2021, 1, 20),
        "Giao UBND thành phố chỉ đạo Phòng Giáo dục và Đào tạo phối hợp với các phường, xã rà soát, sắp xếp lại mạng "
        "lưới trường, lớp học, xây dựng Đề án sáp nhập các trường tiểu học có quy mô nhỏ, trình Ban Thường vụ Thành "
        "ủy cho ý kiến trước ngày 15/4/2021.",
        leads=(UBND,),
        title="chỉ đạo Phòng Giáo dục và Đào tạo phối hợp với các phường, xã rà soát, sắp xếp lại mạng lưới trường, "
        "lớp học, xây dựng Đề án sáp nhập các trường tiểu học có quy mô nhỏ",
        co_operators=("cac phuong xa",),
        deadline=D(2021, 4, 15),
        acceptor=BTV,
        result="Đề án sáp nhập các trường tiểu học có quy mô nhỏ",
    ),
    Case(
        "giao-hai-cham",
        D(2020, 8, 3),
        "Ban Thường vụ Thành ủy giao: Đảng ủy phường Thanh Bình chủ trì, phối hợp với Công an thành phố giải quyết "
        "tình trạng mất an ninh trật tự tại khu vực chợ đêm, xong trước 30/8.",
        leads=("dang uy phuong thanh binh",),
        title="giải quyết tình trạng mất an ninh trật tự tại khu vực chợ đêm",
        co_operators=("cong an thanh pho",),
        deadline=D(2020, 8, 30),
    ),
    Case(
        "doi-thoai-doan-vien",
        D(2021, 4, 5),
        "Giao Ban Dân vận Thành ủy hướng dẫn Ủy ban MTTQ và các đoàn thể thành phố tổ chức Hội nghị đối thoại giữa "
        "Bí thư Thành ủy với đoàn viên, hội viên, hoàn thành trong tháng 5/2021; báo cáo Thường trực Thành ủy.",
        leads=(BDV,),
        title="hướng dẫn Ủy ban MTTQ và các đoàn thể thành phố tổ chức Hội nghị đối thoại giữa Bí thư Thành ủy với "
        "đoàn viên, hội viên",
        deadline=D(2021, 5, 31),
        acceptor=TT,
        result="báo cáo",
    ),
    # --- known gaps -------------------------------------------------------------------------
    Case(
        "han-theo-su-kien",
        D(2020, 7, 6),
        "Giao UBND thành phố chỉ đạo hoàn thành sửa chữa, nâng cấp các phòng học xuống cấp trước ngày khai giảng "
        "năm học 2020 - 2021; báo cáo Thường trực Thành ủy.",
        leads=(UBND,),
        title="chỉ đạo hoàn thành sửa chữa, nâng cấp các phòng học xuống cấp",
        deadline=D(2020, 9, 5),
        acceptor=TT,
        result="báo cáo",
        xfail="a deadline tied to an event (khai giảng, kỳ họp HĐND) needs a table of event dates",
    ),
    Case(
        "chu-trong-giua-cau",
        D(2020, 9, 28),
        "Việc xây dựng Đề án phát triển kinh tế ban đêm giao Ban Tuyên giáo Thành ủy chủ trì, hoàn thành trong quý "
        "IV/2020.",
        leads=(BTG,),
        title="xây dựng Đề án phát triển kinh tế ban đêm",
        deadline=D(2020, 12, 31),
        result="Đề án phát triển kinh tế ban đêm",
        xfail="a sentence that names the job first and the lead after it (“Việc … giao X chủ trì”) is not read",
    ),
    Case(
        "so-bang-chu",
        D(2020, 10, 12),
        "Giao Ban Tổ chức Thành ủy chủ trì thẩm định hồ sơ đề nghị tặng Huy hiệu Đảng đợt 7/11, trong mười lăm "
        "ngày làm việc kể từ ngày ban hành thông báo này.",
        leads=(BTC,),
        title="thẩm định hồ sơ đề nghị tặng Huy hiệu Đảng đợt 7/11",
        working_days=15,
        xfail="numbers written in words (“mười lăm ngày”) are not read",
    ),
)
