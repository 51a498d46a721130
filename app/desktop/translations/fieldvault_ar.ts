<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ar">
    <context>
        <name>EditorText</name>
        <message>
            <location filename="../editor/EditorText.cpp" line="+43" />
            <location line="+10" />
            <source>Not recorded</source>
            <translation>غير مسجَّل</translation>
        </message>
        <message>
            <location line="-9" />
            <source>Female</source>
            <translation>أنثى</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Male</source>
            <translation>ذكر</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Other</source>
            <translation>آخر</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Unknown or would not say</source>
            <translation>غير معروف أو فضّل عدم الإفصاح</translation>
        </message>
        <message>
            <location line="+7" />
            <source>Killed</source>
            <translation>قُتل</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Injured</source>
            <translation>أُصيب</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Detained</source>
            <translation>احتُجز</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Disappeared</source>
            <translation>اختفى قسرًا</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Tortured</source>
            <translation>عُذِّب</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Displaced</source>
            <translation>هُجِّر</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Released</source>
            <translation>أُفرج عنه</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Unharmed</source>
            <translation>لم يُصب بأذى</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Unknown</source>
            <translation>غير معروف</translation>
        </message>
    </context>
    <context>
        <name>TestimonyEditor</name>
        <message>
            <location filename="../editor/DraftRepair.cpp" line="+206" />
            <source>Untitled testimony</source>
            <translation>شهادة بلا عنوان</translation>
        </message>
    </context>
    <context>
        <name>VersionDiff</name>
        <message>
            <location filename="../editor/VersionDiff.cpp" line="+12" />
            <source>yes</source>
            <translation>نعم</translation>
        </message>
        <message>
            <location line="+0" />
            <source>no</source>
            <translation>لا</translation>
        </message>
        <message>
            <location line="+9" />
            <source>female</source>
            <translation>أنثى</translation>
        </message>
        <message>
            <location line="+2" />
            <source>male</source>
            <translation>ذكر</translation>
        </message>
        <message>
            <location line="+2" />
            <location line="+32" />
            <source>other</source>
            <translation>آخر</translation>
        </message>
        <message>
            <location line="-30" />
            <source>unknown</source>
            <translation>غير معروف</translation>
        </message>
        <message>
            <location line="+9" />
            <source>normal</source>
            <translation>عادية</translation>
        </message>
        <message>
            <location line="+2" />
            <source>high</source>
            <translation>عالية</translation>
        </message>
        <message>
            <location line="+2" />
            <source>critical</source>
            <translation>حرجة</translation>
        </message>
        <message>
            <location line="+11" />
            <source>written</source>
            <translation>مكتوبة</translation>
        </message>
        <message>
            <location line="+2" />
            <source>spoken, recorded</source>
            <translation>شفهية، مسجّلة</translation>
        </message>
        <message>
            <location line="+2" />
            <source>spoken, noted</source>
            <translation>شفهية، مدوّنة</translation>
        </message>
        <message>
            <location line="+15" />
            <source>around %1</source>
            <translation>في حدود %1</translation>
        </message>
        <message>
            <location line="+25" />
            <source>Date: %1</source>
            <translation>التاريخ: %1</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Place: %1</source>
            <translation>المكان: %1</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Acts: %1</source>
            <translation>الأفعال: %1</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Perpetrator: %1 %2</source>
            <translation>الجاني: %1 %2</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Victim: %1 %2 (%3 people, age %4, %5)</source>
            <translation>الضحية: %1 %2 (عدد الأشخاص: %3، العمر: %4، %5)</translation>
        </message>
        <message>
            <location line="+64" />
            <source>Title</source>
            <translation>العنوان</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Narrative</source>
            <translation>الرواية</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Summary</source>
            <translation>الملخص</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Interview date</source>
            <translation>تاريخ المقابلة</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Interview place</source>
            <translation>مكان المقابلة</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Languages</source>
            <translation>اللغات</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Interpreter</source>
            <translation>المترجم</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Interviewer</source>
            <translation>مجري المقابلة</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Sensitivity</source>
            <translation>درجة الحساسية</translation>
        </message>
        <message>
            <location line="+4" />
            <source>Witness pseudonym</source>
            <translation>الاسم المستعار للشاهد</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Witness real name</source>
            <translation>الاسم الحقيقي للشاهد</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Witness contact</source>
            <translation>وسيلة الاتصال بالشاهد</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Witness address</source>
            <translation>عنوان الشاهد</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Witness gender</source>
            <translation>جنس الشاهد</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Witness age range</source>
            <translation>الفئة العمرية للشاهد</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Witness role</source>
            <translation>دور الشاهد</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Relation to the victims</source>
            <translation>الصلة بالضحايا</translation>
        </message>
        <message>
            <location line="+4" />
            <source>Consent given</source>
            <translation>أُعطيت الموافقة</translation>
        </message>
        <message>
            <location line="+1" />
            <source>How consent was given</source>
            <translation>كيف أُعطيت الموافقة</translation>
        </message>
        <message>
            <location line="+1" />
            <source>May be quoted anonymously</source>
            <translation>يجوز اقتباسها دون ذكر الاسم</translation>
        </message>
        <message>
            <location line="+1" />
            <source>May be shared with the UN</source>
            <translation>يجوز مشاركتها مع الأمم المتحدة</translation>
        </message>
        <message>
            <location line="+1" />
            <source>May be used in legal proceedings</source>
            <translation>يجوز استخدامها في الإجراءات القانونية</translation>
        </message>
        <message>
            <location line="+1" />
            <source>May be contacted again</source>
            <translation>يجوز التواصل معه مجددًا</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Consent date</source>
            <translation>تاريخ الموافقة</translation>
        </message>
        <message>
            <location line="+7" />
            <source>Incident %1</source>
            <translation>الحادثة %1</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Tags</source>
            <translation>الوسوم</translation>
        </message>
    </context>
    <context>
        <name>fv::desktop</name>
        <message>
            <location filename="../handoff/HandoffActions.cpp" line="+46" />
            <location line="+6" />
            <source>Hand-off</source>
            <translation>التسليم</translation>
        </message>
        <message>
            <location line="-5" />
            <source>An interview is being recorded. Stop the recording first, then try again.</source>
            <translation>يجري تسجيل مقابلة. أوقف التسجيل أولًا، ثم حاول مجددًا.</translation>
        </message>
        <message>
            <location line="+6" />
            <source>Another operation is still running in this vault. Try again when it has ended.</source>
            <translation>ما زالت عملية أخرى جارية في هذه الخزنة. حاول مجددًا عند انتهائها.</translation>
        </message>
        <message>
            <location line="+12" />
            <source>&amp;Export for HQ…</source>
            <translation>&amp;تصدير إلى المقر…</translation>
        </message>
        <message>
            <location line="+5" />
            <source>Export for HQ</source>
            <translation>تصدير إلى المقر</translation>
        </message>
        <message>
            <location line="+1" />
            <source>The testimony being edited cannot be saved yet. Correct what the editor points out, then export.</source>
            <translation>لا يمكن حفظ الشهادة قيد التحرير بعد. صحّح ما يشير إليه المحرر، ثم صدّر.</translation>
        </message>
        <message>
            <location line="+7" />
            <source>&amp;Receipts and purge…</source>
            <translation>&amp;الإيصالات والحذف…</translation>
        </message>
        <message>
            <location line="+8" />
            <source>&amp;Import bundles…</source>
            <translation>&amp;استيراد الحزم…</translation>
        </message>
        <message>
            <location line="+5" />
            <source>Issue a re&amp;ceipt…</source>
            <translation>إصدار إي&amp;صال…</translation>
        </message>
        <message>
            <location line="+5" />
            <source>Received testimonies and &amp;provenance…</source>
            <translation>الشهادات المستلمة و&amp;مصدرها…</translation>
        </message>
        <message>
            <location line="+5" />
            <source>Report for &amp;analysts (CSV or JSON)…</source>
            <translation>تقرير لل&amp;محللين (CSV أو JSON)…</translation>
        </message>
        <message>
            <location line="+7" />
            <location line="+17" />
            <source>Enrol HQ's &amp;card…</source>
            <translation>تسجيل &amp;بطاقة المقر…</translation>
        </message>
        <message>
            <location line="-12" />
            <source>Show &amp;my card…</source>
            <translation>عرض ب&amp;طاقتي…</translation>
        </message>
        <message>
            <location line="+12" />
            <source>Enrol a &amp;delegate's card…</source>
            <translation>تسجيل بطاقة &amp;مندوب…</translation>
        </message>
        <message>
            <location filename="../widgets/PassphraseStrength.cpp" line="+46" />
            <source>Empty</source>
            <translation>فارغة</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Type a passphrase: several words only you know.</source>
            <translation>اكتب عبارة مرور: عدة كلمات لا يعرفها غيرك.</translation>
        </message>
        <message>
            <location line="+38" />
            <source>Too short</source>
            <translation>قصيرة جدًا</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Use at least 12 characters; four or more words are easier to remember.</source>
            <translation>استخدم 12 حرفًا على الأقل؛ أربع كلمات أو أكثر أسهل للتذكّر.</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Weak</source>
            <translation>ضعيفة</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Add more words or characters that do not follow a pattern.</source>
            <translation>أضف كلمات أو أحرفًا أخرى لا تتبع نمطًا.</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Fair</source>
            <translation>مقبولة</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Acceptable; one or two more words would make it much stronger.</source>
            <translation>مقبولة؛ كلمة أو كلمتان إضافيتان تجعلانها أقوى بكثير.</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Good</source>
            <translation>جيدة</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Good. Make sure it is not a quotation, a song or a name people know.</source>
            <translation>جيدة. تأكّد أنها ليست اقتباسًا أو أغنية أو اسمًا معروفًا.</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Strong</source>
            <translation>قوية</translation>
        </message>
        <message>
            <location filename="../session/UserMessage.cpp" line="+21" />
            <source>That passphrase does not open this vault. Check the keyboard language and Caps Lock, then try again. If you have forgotten it, use your recovery key.</source>
            <translation>عبارة المرور هذه لا تفتح هذه الخزنة. تحقّق من لغة لوحة المفاتيح ومن مفتاح Caps Lock، ثم حاول مجددًا. إن كنت نسيتها فاستخدم مفتاح الاسترداد.</translation>
        </message>
        <message>
            <location line="+4" />
            <source>This vault is already open in another Fieldvault window or program. Close it there first.</source>
            <translation>هذه الخزنة مفتوحة بالفعل في نافذة أو برنامج Fieldvault آخر. أغلقها هناك أولًا.</translation>
        </message>
        <message>
            <location line="+4" />
            <source>It was not found.</source>
            <translation>لم يُعثر عليه.</translation>
        </message>
        <message>
            <location line="+3" />
            <source>The disk is full. Nothing was lost: free some space and try again.</source>
            <translation>القرص ممتلئ. لم يضع شيء: أفرغ بعض المساحة وحاول مجددًا.</translation>
        </message>
        <message>
            <location line="+3" />
            <source>The computer refused to read or write a file. Check that the drive is still connected and writable, then try again.</source>
            <translation>رفض الحاسوب قراءة ملف أو كتابته. تأكّد أن القرص ما زال موصولًا وقابلًا للكتابة، ثم حاول مجددًا.</translation>
        </message>
        <message>
            <location line="+4" />
            <source>The vault is damaged or was altered. Do not add anything; keep a copy of the folder and contact HQ.</source>
            <translation>الخزنة تالفة أو جرى العبث بها. لا تُضف شيئًا؛ احتفظ بنسخة من المجلد وتواصل مع المقر.</translation>
        </message>
        <message>
            <location line="+4" />
            <source>This was made by a newer version of Fieldvault. Update Fieldvault and try again.</source>
            <translation>أُنشئ هذا بإصدار أحدث من Fieldvault. حدّث Fieldvault وحاول مجددًا.</translation>
        </message>
        <message>
            <location line="+4" />
            <source>A signature or check failed: the file was changed or does not come from who it claims.</source>
            <translation>فشل توقيع أو فحص: الملف عُدِّل أو لا يأتي ممن يدّعي أنه مصدره.</translation>
        </message>
        <message>
            <location line="+5" />
            <source>This cannot be accepted.</source>
            <translation>لا يمكن قبول هذا.</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Cancelled. Nothing was changed.</source>
            <translation>أُلغي. لم يتغيّر شيء.</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Something unexpected went wrong. What was saved before is safe.</source>
            <translation>حدث خطأ غير متوقع. ما حُفظ من قبل في أمان.</translation>
        </message>
    </context>
    <context>
        <name>fv::desktop::AttachmentsPage</name>
        <message>
            <location filename="../editor/AttachmentsPage.cpp" line="+67" />
            <source>Recording</source>
            <translation>تسجيل صوتي</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Photo</source>
            <translation>صورة</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Video</source>
            <translation>فيديو</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Document</source>
            <translation>مستند</translation>
        </message>
        <message>
            <location line="+34" />
            <source>&amp;Add files…</source>
            <translation>&amp;إضافة ملفات…</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Save a &amp;decrypted copy…</source>
            <translation>حفظ نسخة &amp;غير مشفّرة…</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Writes the selected attachment to a file of your choice, without encryption.</source>
            <translation>يكتب المرفق المحدد في ملف تختاره، دون تشفير.</translation>
        </message>
        <message>
            <location line="+7" />
            <source>You can also drop files here. They are encrypted into the vault as they are added; the original files are not changed or deleted.</source>
            <translation>يمكنك أيضًا إفلات الملفات هنا. تُشفَّر داخل الخزنة أثناء إضافتها؛ ولا تُعدَّل الملفات الأصلية ولا تُحذف.</translation>
        </message>
        <message>
            <location line="+9" />
            <source>Kind</source>
            <translation>النوع</translation>
        </message>
        <message>
            <location line="+0" />
            <source>Original name (sensitive)</source>
            <translation>الاسم الأصلي (حسّاس)</translation>
        </message>
        <message>
            <location line="+0" />
            <source>Media type</source>
            <translation>نوع الوسائط</translation>
        </message>
        <message>
            <location line="+0" />
            <source>Size</source>
            <translation>الحجم</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Captured</source>
            <translation>تاريخ الالتقاط</translation>
        </message>
        <message>
            <location line="+0" />
            <source>Note</source>
            <translation>ملاحظة</translation>
        </message>
        <message>
            <location line="+0" />
            <source>Fingerprint</source>
            <translation>البصمة</translation>
        </message>
        <message>
            <location line="+2" />
            <source>The original file name may identify a person or a place.</source>
            <translation>قد يكشف اسم الملف الأصلي هوية شخص أو مكان.</translation>
        </message>
        <message>
            <location line="+1" />
            <source>The start of the SHA-256 of the content.</source>
            <translation>بداية بصمة SHA-256 للمحتوى.</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Attachments</source>
            <translation>المرفقات</translation>
        </message>
        <message>
            <location line="+8" />
            <source>Preview</source>
            <translation>معاينة</translation>
        </message>
        <message>
            <location line="+24" />
            <source>Record interview</source>
            <translation>تسجيل المقابلة</translation>
        </message>
        <message>
            <location line="+4" />
            <source>Recording is not available in this build of Fieldvault.</source>
            <translation>التسجيل غير متاح في هذا الإصدار من Fieldvault.</translation>
        </message>
        <message>
            <location line="+43" />
            <source>No testimony is open.</source>
            <translation>لا توجد شهادة مفتوحة.</translation>
        </message>
        <message>
            <location line="+34" />
            <source>The recording was saved, encrypted, as an attachment.</source>
            <translation>حُفظ التسجيل مشفّرًا كمرفق.</translation>
        </message>
        <message>
            <location line="+19" />
            <source>Reading the attachments</source>
            <translation>قراءة المرفقات</translation>
        </message>
        <message>
            <location line="+9" />
            <source>Sensitive: the original name may identify a person or a place.</source>
            <translation>حسّاس: قد يكشف الاسم الأصلي هوية شخص أو مكان.</translation>
        </message>
        <message>
            <location line="+8" />
            <source>Added to the vault on %1.</source>
            <translation>أُضيف إلى الخزنة في %1.</translation>
        </message>
        <message>
            <location line="+4" />
            <source>SHA-256: %1</source>
            <translation>SHA-256: %1</translation>
        </message>
        <message>
            <location line="+47" />
            <source>This testimony has no attachments yet.</source>
            <translation>لا مرفقات لهذه الشهادة بعد.</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Select an attachment to preview a photo or play a recording.</source>
            <translation>اختر مرفقًا لمعاينة صورة أو تشغيل تسجيل.</translation>
        </message>
        <message>
            <location line="+23" />
            <source>Recordings cannot be played in this build of Fieldvault.</source>
            <translation>لا يمكن تشغيل التسجيلات في هذا الإصدار من Fieldvault.</translation>
        </message>
        <message>
            <location line="+5" />
            <source>Fieldvault does not open this kind of file itself. To open it with another program, use “Save a decrypted copy…”; that copy is not protected.</source>
            <translation>لا يفتح Fieldvault هذا النوع من الملفات بنفسه. لفتحه ببرنامج آخر استخدم «حفظ نسخة غير مشفّرة…»؛ وهذه النسخة غير محمية.</translation>
        </message>
        <message>
            <location line="+13" />
            <location line="+17" />
            <source>Showing the photo</source>
            <translation>عرض الصورة</translation>
        </message>
        <message>
            <location line="-13" />
            <source>This photo is too large to preview.</source>
            <translation>هذه الصورة أكبر من أن تُعاين.</translation>
        </message>
        <message>
            <location line="+12" />
            <source>The photo could not be read completely.</source>
            <translation>تعذّرت قراءة الصورة كاملة.</translation>
        </message>
        <message>
            <location line="+9" />
            <source>This photo is in a format Fieldvault cannot show.</source>
            <translation>هذه الصورة بصيغة لا يستطيع Fieldvault عرضها.</translation>
        </message>
        <message>
            <location line="+5" />
            <source>Photo preview, %1 by %2 pixels</source>
            <translation>معاينة الصورة، %1 × %2 بكسل</translation>
        </message>
        <message>
            <location line="+43" />
            <source>Add files to the testimony</source>
            <translation>إضافة ملفات إلى الشهادة</translation>
        </message>
        <message>
            <location line="+17" />
            <source>Another operation is still running in this vault. Try again when it has ended.</source>
            <translation>ما زالت عملية أخرى جارية في هذه الخزنة. حاول مجددًا عند انتهائها.</translation>
        </message>
        <message>
            <location line="+7" />
            <source>Cancel</source>
            <translation>إلغاء</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Fieldvault</source>
            <translation>Fieldvault</translation>
        </message>
        <message>
            <location line="+16" />
            <source>Encrypting “%1” (file %2 of %3)…</source>
            <translation>جارٍ تشفير «%1» (الملف %2 من %3)…</translation>
        </message>
        <message>
            <location line="+34" />
            <source>Encrypting “%1”…</source>
            <translation>جارٍ تشفير «%1»…</translation>
        </message>
        <message numerus="yes">
            <location line="+1" />
            <source>Encrypting %n file(s)…</source>
            <translation>
                <numerusform>لا ملفات للتشفير…</numerusform>
                <numerusform>جارٍ تشفير ملف واحد…</numerusform>
                <numerusform>جارٍ تشفير ملفين…</numerusform>
                <numerusform>جارٍ تشفير %n ملفات…</numerusform>
                <numerusform>جارٍ تشفير %n ملفًا…</numerusform>
                <numerusform>جارٍ تشفير %n ملف…</numerusform>
            </translation>
        </message>
        <message>
            <location line="+9" />
            <location line="+16" />
            <source>“%1” could not be read: %2</source>
            <translation>تعذّرت قراءة «%1»: %2</translation>
        </message>
        <message>
            <location line="-9" />
            <location line="+17" />
            <location line="+12" />
            <source>Adding “%1”</source>
            <translation>إضافة «%1»</translation>
        </message>
        <message numerus="yes">
            <location line="+15" />
            <source>Adding was cancelled. %n file(s) were added before that; the file being encrypted was not kept.</source>
            <translation>
                <numerusform>أُلغيت الإضافة. لم يُضف أي ملف قبل ذلك؛ ولم يُحتفظ بالملف الذي كان قيد التشفير.</numerusform>
                <numerusform>أُلغيت الإضافة. أُضيف ملف واحد قبل ذلك؛ ولم يُحتفظ بالملف الذي كان قيد التشفير.</numerusform>
                <numerusform>أُلغيت الإضافة. أُضيف ملفان قبل ذلك؛ ولم يُحتفظ بالملف الذي كان قيد التشفير.</numerusform>
                <numerusform>أُلغيت الإضافة. أُضيفت %n ملفات قبل ذلك؛ ولم يُحتفظ بالملف الذي كان قيد التشفير.</numerusform>
                <numerusform>أُلغيت الإضافة. أُضيف %n ملفًا قبل ذلك؛ ولم يُحتفظ بالملف الذي كان قيد التشفير.</numerusform>
                <numerusform>أُلغيت الإضافة. أُضيف %n ملف قبل ذلك؛ ولم يُحتفظ بالملف الذي كان قيد التشفير.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location line="+4" />
            <source>%n file(s) added, encrypted.</source>
            <translation>
                <numerusform>لم يُضف أي ملف.</numerusform>
                <numerusform>أُضيف ملف واحد مشفّرًا.</numerusform>
                <numerusform>أُضيف ملفان مشفّرين.</numerusform>
                <numerusform>أُضيفت %n ملفات مشفّرة.</numerusform>
                <numerusform>أُضيف %n ملفًا مشفّرًا.</numerusform>
                <numerusform>أُضيف %n ملف مشفّر.</numerusform>
            </translation>
        </message>
        <message>
            <location line="+16" />
            <location line="+34" />
            <source>Saving a decrypted copy</source>
            <translation>حفظ نسخة غير مشفّرة</translation>
        </message>
        <message>
            <location line="-30" />
            <location line="+10" />
            <source>Save a decrypted copy</source>
            <translation>حفظ نسخة غير مشفّرة</translation>
        </message>
        <message>
            <location line="-9" />
            <source>The copy will be an ordinary file without encryption. Anyone who can reach this computer or the place where you save it can read it, and deleting it later may not erase it from the disk.

Save a decrypted copy anyway?</source>
            <translation>ستكون النسخة ملفًا عاديًا بلا تشفير. يستطيع قراءتها كل من يصل إلى هذا الحاسوب أو إلى المكان الذي تحفظها فيه، وقد لا يؤدي حذفها لاحقًا إلى محوها من القرص.

هل تريد حفظ نسخة غير مشفّرة رغم ذلك؟</translation>
        </message>
        <message>
            <location line="+4" />
            <source>&amp;Save a decrypted copy</source>
            <translation>&amp;حفظ نسخة غير مشفّرة</translation>
        </message>
        <message>
            <location line="+18" />
            <source>Decrypting a copy…</source>
            <translation>جارٍ فك تشفير نسخة…</translation>
        </message>
        <message>
            <location line="+11" />
            <source>A decrypted copy was saved to %1. It is not protected: delete it when you no longer need it.</source>
            <translation>حُفظت نسخة غير مشفّرة في %1. إنها غير محمية: احذفها حين لا تعود بحاجة إليها.</translation>
        </message>
    </context>
    <context>
        <name>fv::desktop::AudioPlayer</name>
        <message>
            <location filename="../audio/AudioPlayer.cpp" line="+95" />
            <source>This attachment is not a recording that can be played here.</source>
            <translation>هذا المرفق ليس تسجيلًا يمكن تشغيله هنا.</translation>
        </message>
        <message>
            <location line="+4" />
            <source>This recording is damaged in the vault and cannot be played.</source>
            <translation>هذا التسجيل تالف داخل الخزنة ولا يمكن تشغيله.</translation>
        </message>
        <message>
            <location line="+3" />
            <source>This recording is no longer in the vault.</source>
            <translation>لم يعد هذا التسجيل موجودًا في الخزنة.</translation>
        </message>
        <message>
            <location line="+3" />
            <source>The recording cannot be opened: %1</source>
            <translation>تعذّر فتح التسجيل: %1</translation>
        </message>
        <message>
            <location line="+59" />
            <source>The recording cannot be played from there: %1</source>
            <translation>تعذّر تشغيل التسجيل من هذه النقطة: %1</translation>
        </message>
        <message>
            <location line="+26" />
            <source>No loudspeaker or headphones were found to play the recording on.</source>
            <translation>لم يُعثر على مكبّر صوت أو سمّاعات لتشغيل التسجيل.</translation>
        </message>
        <message>
            <location line="+16" />
            <source>The sound output "%1" could not be opened.</source>
            <translation>تعذّر فتح مخرج الصوت «%1».</translation>
        </message>
        <message>
            <location line="+46" />
            <source>The sound output stopped working.</source>
            <translation>توقّف مخرج الصوت عن العمل.</translation>
        </message>
        <message>
            <location line="+4" />
            <source>The recording cannot be played any further: %1</source>
            <translation>لا يمكن متابعة تشغيل التسجيل: %1</translation>
        </message>
    </context>
    <context>
        <name>fv::desktop::AudioPlayerWidget</name>
        <message>
            <location filename="../audio/AudioPlayerWidget.cpp" line="+14" />
            <location line="+65" />
            <source>&amp;Play</source>
            <translation>&amp;تشغيل</translation>
        </message>
        <message>
            <location line="-58" />
            <source>Playback position</source>
            <translation>موضع التشغيل</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Position and length</source>
            <translation>الموضع والمدة</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Playback status</source>
            <translation>حالة التشغيل</translation>
        </message>
        <message>
            <location line="+22" />
            <location line="+26" />
            <source>%1 / %2</source>
            <translation>%1 / %2</translation>
        </message>
        <message>
            <location line="+8" />
            <source>&amp;Pause</source>
            <translation>إي&amp;قاف مؤقت</translation>
        </message>
    </context>
    <context>
        <name>fv::desktop::AudioRecorder</name>
        <message>
            <location filename="../audio/AudioRecorder.cpp" line="+81" />
            <source>No microphone was found. Connect one, or turn it on in the system's sound settings, and try again.</source>
            <translation>لم يُعثر على ميكروفون. صِل ميكروفونًا أو شغّله من إعدادات الصوت في النظام، ثم حاول مجددًا.</translation>
        </message>
        <message>
            <location line="+8" />
            <source>The microphone "%1" reports no usable sound format.</source>
            <translation>الميكروفون «%1» لا يوفّر أي صيغة صوت قابلة للاستخدام.</translation>
        </message>
        <message>
            <location line="+26" />
            <source>The microphone "%1" could not be opened. It may be in use by another program or disconnected.</source>
            <translation>تعذّر فتح الميكروفون «%1». ربما يستخدمه برنامج آخر أو أنه مفصول.</translation>
        </message>
        <message>
            <location line="+49" />
            <source>The recording had already stopped because of an error.</source>
            <translation>كان التسجيل قد توقّف بالفعل بسبب خطأ.</translation>
        </message>
        <message>
            <location line="+8" />
            <location line="+125" />
            <source>The recording could not be saved: %1</source>
            <translation>تعذّر حفظ التسجيل: %1</translation>
        </message>
        <message>
            <location line="-86" />
            <source>The microphone stopped working.</source>
            <translation>توقّف الميكروفون عن العمل.</translation>
        </message>
        <message>
            <location line="+11" />
            <source>The microphone "%1" was disconnected.</source>
            <translation>فُصل الميكروفون «%1».</translation>
        </message>
        <message>
            <location line="+8" />
            <source>The microphone stopped sending sound (was it unplugged?).</source>
            <translation>توقّف الميكروفون عن إرسال الصوت (هل فُصل؟).</translation>
        </message>
        <message>
            <location line="+61" />
            <source>Nothing had been recorded yet.</source>
            <translation>لم يُسجَّل شيء بعد.</translation>
        </message>
        <message>
            <location line="+3" />
            <source>What was recorded until then (%1) was saved.</source>
            <translation>حُفظ ما سُجّل حتى تلك اللحظة (%1).</translation>
        </message>
        <message>
            <location line="+38" />
            <source>The disk is full.</source>
            <translation>القرص ممتلئ.</translation>
        </message>
        <message>
            <location line="+2" />
            <source>The vault could not be written to (%1).</source>
            <translation>تعذّرت الكتابة في الخزنة (%1).</translation>
        </message>
        <message>
            <location line="+2" />
            <source>The testimony is no longer in the vault.</source>
            <translation>لم تعد هذه الشهادة موجودة في الخزنة.</translation>
        </message>
    </context>
    <context>
        <name>fv::desktop::AudioRecorderWidget</name>
        <message>
            <location filename="../audio/AudioRecorderWidget.cpp" line="+28" />
            <source>&amp;Record</source>
            <translation>&amp;تسجيل</translation>
        </message>
        <message>
            <location line="+1" />
            <location line="+84" />
            <source>&amp;Pause</source>
            <translation>إي&amp;قاف مؤقت</translation>
        </message>
        <message>
            <location line="-84" />
            <source>&amp;Stop</source>
            <translation>إي&amp;قاف</translation>
        </message>
        <message>
            <location line="+10" />
            <source>Record the interview into the vault</source>
            <translation>سجّل المقابلة مباشرة في الخزنة</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Pause the recording; the pause is not recorded</source>
            <translation>أوقف التسجيل مؤقتًا؛ فترة التوقف لا تُسجَّل</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Stop and save the recording</source>
            <translation>أوقف التسجيل واحفظه</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Microphone level</source>
            <translation>مستوى الميكروفون</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Recorded time</source>
            <translation>الوقت المسجَّل</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Recording status</source>
            <translation>حالة التسجيل</translation>
        </message>
        <message>
            <location line="+21" />
            <source>The recording (%1) was saved in the vault.</source>
            <translation>حُفظ التسجيل (%1) في الخزنة.</translation>
        </message>
        <message>
            <location line="+46" />
            <source>Res&amp;ume</source>
            <translation>&amp;متابعة</translation>
        </message>
    </context>
    <context>
        <name>fv::desktop::CreateVaultWizard</name>
        <message>
            <location filename="../unlock/CreateVaultWizard.cpp" line="+55" />
            <source>Create a vault</source>
            <translation>إنشاء خزنة</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Everything you record is kept in one encrypted folder. Without your passphrase nobody can read it, or even tell what it is.</source>
            <translation>كل ما تسجّله يُحفظ في مجلد واحد مشفّر. من دون عبارة المرور لا يستطيع أحد قراءته، ولا حتى معرفة ما هو.</translation>
        </message>
        <message>
            <location line="+4" />
            <source>Choose…</source>
            <translation>اختر…</translation>
        </message>
        <message>
            <location line="+3" />
            <source>&amp;Field: I record testimonies and send them to HQ</source>
            <translation>&amp;ميداني: أسجّل الشهادات وأرسلها إلى المقر</translation>
        </message>
        <message>
            <location line="+2" />
            <source>&amp;HQ: I receive and verify bundles from delegates</source>
            <translation>م&amp;قر: أستلم الحزم من المندوبين وأتحقق منها</translation>
        </message>
        <message>
            <location line="+10" />
            <source>&amp;Folder:</source>
            <translation>ال&amp;مجلد:</translation>
        </message>
        <message>
            <location line="+9" />
            <source>The folder must be new or empty. It can be on an encrypted USB stick.</source>
            <translation>يجب أن يكون المجلد جديدًا أو فارغًا. يمكن أن يكون على ذاكرة USB مشفّرة.</translation>
        </message>
        <message>
            <location line="+4" />
            <source>Folder for the vault</source>
            <translation>مجلد الخزنة</translation>
        </message>
        <message>
            <location line="+8" />
            <source>This folder is not empty. Choose a new or empty folder.</source>
            <translation>هذا المجلد ليس فارغًا. اختر مجلدًا جديدًا أو فارغًا.</translation>
        </message>
        <message>
            <location line="+33" />
            <source>Passphrase again</source>
            <translation>عبارة المرور مرة أخرى</translation>
        </message>
        <message>
            <location line="+7" />
            <source>Show what I type</source>
            <translation>أظهر ما أكتبه</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Passphrase:</source>
            <translation>عبارة المرور:</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Again:</source>
            <translation>مرة أخرى:</translation>
        </message>
        <message>
            <location line="+20" />
            <source>The two entries differ.</source>
            <translation>الإدخالان مختلفان.</translation>
        </message>
        <message>
            <location line="+16" />
            <source>Choose a passphrase</source>
            <translation>اختر عبارة مرور</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Several words only you know, in any language. You will type it every time you open Fieldvault.</source>
            <translation>عدة كلمات لا يعرفها غيرك، بأي لغة. ستكتبها في كل مرة تفتح فيها Fieldvault.</translation>
        </message>
        <message>
            <location line="+22" />
            <source>Duress passphrase (optional)</source>
            <translation>عبارة مرور الإكراه (اختيارية)</translation>
        </message>
        <message>
            <location line="+2" />
            <source>If someone forces you to open Fieldvault, type this one instead. It opens a separate, harmless vault. It can only be set now.</source>
            <translation>إذا أجبرك أحد على فتح Fieldvault فاكتب هذه العبارة بدلًا من عبارتك. إنها تفتح خزنة منفصلة غير ضارة. لا يمكن ضبطها إلا الآن.</translation>
        </message>
        <message>
            <location line="+13" />
            <source>Nothing in the vault folder shows that a second passphrase exists, as long as you also use the harmless vault, regularly and about as much as your real work, and the disk is encrypted. An expert can compare how much the folder holds with what the harmless vault shows, and on an unencrypted disk can read when each file was made. The user guide explains.</source>
            <translation>لا شيء في مجلد الخزنة يدل على وجود عبارة مرور ثانية، ما دمت تستخدم الخزنة غير الضارة أيضًا، بانتظام وبقدر يقارب عملك الحقيقي، وما دام القرص مشفّرًا. يستطيع الخبير أن يقارن حجم ما في المجلد بما تعرضه الخزنة غير الضارة، ويستطيع على قرص غير مشفّر أن يعرف متى أُنشئ كل ملف. دليل المستخدم يشرح ذلك.</translation>
        </message>
        <message>
            <location line="-11" />
            <source>&amp;Set a duress passphrase</source>
            <translation>&amp;ضبط عبارة مرور الإكراه</translation>
        </message>
        <message>
            <location line="+57" />
            <source>Your recovery key</source>
            <translation>مفتاح الاسترداد الخاص بك</translation>
        </message>
        <message>
            <location line="+2" />
            <source>If you forget your passphrase, this key is the only way back in. It is shown only now. Write it on paper and keep the paper apart from this computer.</source>
            <translation>إذا نسيت عبارة المرور فهذا المفتاح هو الطريق الوحيد للدخول. لن يُعرض إلا الآن. اكتبه على ورقة واحفظ الورقة بعيدًا عن هذا الحاسوب.</translation>
        </message>
        <message>
            <location line="+12" />
            <source>&amp;Print…</source>
            <translation>&amp;طباعة…</translation>
        </message>
        <message>
            <location line="+1" />
            <source>&amp;Save to a file…</source>
            <translation>&amp;حفظ في ملف…</translation>
        </message>
        <message>
            <location line="+2" />
            <source>&amp;Copy</source>
            <translation>&amp;نسخ</translation>
        </message>
        <message>
            <location line="+1" />
            <source>I have &amp;written down the recovery key</source>
            <translation>&amp;كتبتُ مفتاح الاسترداد</translation>
        </message>
        <message>
            <location line="+22" />
            <location line="+7" />
            <location line="+7" />
            <source>Save the recovery key</source>
            <translation>حفظ مفتاح الاسترداد</translation>
        </message>
        <message>
            <location line="-13" />
            <source>Anyone who finds this file can open your vault. Save it only to a USB stick you keep somewhere else, never on this computer.</source>
            <translation>أي شخص يجد هذا الملف يستطيع فتح خزنتك. احفظه فقط على ذاكرة USB تحتفظ بها في مكان آخر، وليس على هذا الحاسوب أبدًا.</translation>
        </message>
        <message>
            <location line="+14" />
            <source>The file could not be written: %1</source>
            <translation>تعذّرت كتابة الملف: %1</translation>
        </message>
        <message>
            <location line="+6" />
            <source>Print the recovery key</source>
            <translation>طباعة مفتاح الاسترداد</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Printers and print queues can keep a copy of what they print, and "print to a file" leaves the key in a file on this computer. Print only on a printer you trust, connected to this computer, and take the paper with you.</source>
            <translation>قد تحتفظ الطابعات وطوابير الطباعة بنسخة مما تطبعه، و«الطباعة إلى ملف» تترك المفتاح في ملف على هذا الحاسوب. اطبع فقط على طابعة تثق بها موصولة بهذا الحاسوب، وخذ الورقة معك.</translation>
        </message>
        <message>
            <location line="+14" />
            <source>Fieldvault recovery key</source>
            <translation>مفتاح استرداد Fieldvault</translation>
        </message>
        <message>
            <location line="+16" />
            <location line="+25" />
            <source>HQ's card</source>
            <translation>بطاقة المقر</translation>
        </message>
        <message>
            <location line="-23" />
            <source>Bundles you export can be opened only by the HQ cards you enrol here. You can also do this later, from Settings.</source>
            <translation>الحزم التي تصدّرها لا تفتحها إلا بطاقات المقر التي تسجّلها هنا. يمكنك فعل ذلك لاحقًا أيضًا من الإعدادات.</translation>
        </message>
        <message>
            <location line="+2" />
            <source>&amp;Load HQ's card file…</source>
            <translation>&amp;تحميل ملف بطاقة المقر…</translation>
        </message>
        <message>
            <location line="+8" />
            <source>HQ read me the same fingerprint (by phone or in person)</source>
            <translation>قرأ لي المقر البصمة نفسها (بالهاتف أو وجهًا لوجه)</translation>
        </message>
        <message>
            <location line="+34" />
            <source>Card of: %1
Call HQ and read this fingerprint to each other:</source>
            <translation>بطاقة: %1
اتصل بالمقر واقرآ هذه البصمة أحدكما للآخر:</translation>
        </message>
        <message>
            <location line="+16" />
            <source>The vault is locked.</source>
            <translation>الخزنة مقفلة.</translation>
        </message>
        <message>
            <location line="+5" />
            <source>Enrolling the card</source>
            <translation>تسجيل البطاقة</translation>
        </message>
        <message>
            <location line="+55" />
            <source>Creating the vault…</source>
            <translation>جارٍ إنشاء الخزنة…</translation>
        </message>
        <message>
            <location line="+10" />
            <source>Creating the vault</source>
            <translation>إنشاء الخزنة</translation>
        </message>
        <message>
            <location line="+13" />
            <source>The vault was created, but could not be opened: %1

Write down its recovery key on the next page, then open the vault from the unlock screen.</source>
            <translation>أُنشئت الخزنة، لكن تعذّر فتحها: %1

دوّن مفتاح الاسترداد في الصفحة التالية، ثم افتح الخزنة من شاشة فتح القفل.</translation>
        </message>
        <message>
            <location line="-1" />
            <location line="+28" />
            <source>New vault</source>
            <translation>خزنة جديدة</translation>
        </message>
    </context>
    <context>
        <name>fv::desktop::EnrolCardDialog</name>
        <message>
            <location filename="../handoff/CardDialogs.cpp" line="+21" />
            <source>Enrol a delegate's card</source>
            <translation>تسجيل بطاقة مندوب</translation>
        </message>
        <message>
            <location line="+0" />
            <source>Enrol HQ's card</source>
            <translation>تسجيل بطاقة المقر</translation>
        </message>
        <message>
            <location line="+2" />
            <source>A delegate's bundles are verified only once their card is enrolled here. Load the card file the delegate sent.</source>
            <translation>لا يُتحقق من حزم المندوب إلا بعد تسجيل بطاقته هنا. حمّل ملف البطاقة الذي أرسله المندوب.</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Bundles you export can be opened only by the HQ cards enrolled here. Load the card file HQ sent.</source>
            <translation>الحزم التي تصدّرها لا تفتحها إلا بطاقات المقر المسجّلة هنا. حمّل ملف البطاقة الذي أرسله المقر.</translation>
        </message>
        <message>
            <location line="+6" />
            <source>&amp;Choose card file…</source>
            <translation>&amp;اختيار ملف البطاقة…</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Card file</source>
            <translation>ملف البطاقة</translation>
        </message>
        <message>
            <location line="+15" />
            <source>I &amp;read this fingerprint with the card's owner over the phone (or in person), group by group, and it matches exactly.</source>
            <translation>&amp;قرأتُ هذه البصمة مع صاحب البطاقة بالهاتف (أو وجهًا لوجه)، مجموعةً مجموعة، وهي مطابقة تمامًا.</translation>
        </message>
        <message>
            <location line="+9" />
            <source>&amp;Enrol</source>
            <translation>&amp;تسجيل</translation>
        </message>
        <message>
            <location line="+44" />
            <source>Card of: %1
Call them and read this fingerprint to each other:</source>
            <translation>بطاقة: %1
اتصل بصاحبها واقرآ هذه البصمة أحدكما للآخر:</translation>
        </message>
        <message>
            <location line="+15" />
            <source>Enrolling the card</source>
            <translation>تسجيل البطاقة</translation>
        </message>
        <message>
            <location line="+4" />
            <source>Enrolled: %1 (%2).</source>
            <translation>سُجّلت: %1 (%2).</translation>
        </message>
    </context>
    <context>
        <name>fv::desktop::EraseVaultDialog</name>
        <message>
            <location filename="../settings/EraseVaultDialog.cpp" line="+14" />
            <source>Erase this vault</source>
            <translation>محو هذه الخزنة</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Erasing destroys this vault for good: its key file is overwritten, then every file of the vault is deleted. No passphrase and no recovery key can open it afterwards, and nothing can be undone. Testimonies not yet delivered to HQ are lost.</source>
            <translation>المحو يدمّر هذه الخزنة نهائيًا: يُكتب فوق ملف مفاتيحها، ثم تُحذف كل ملفات الخزنة. بعد ذلك لا تفتحها أي عبارة مرور ولا مفتاح الاسترداد، ولا يمكن التراجع عن أي شيء. الشهادات التي لم تُسلَّم بعد إلى المقر تضيع.</translation>
        </message>
        <message>
            <location line="+6" />
            <source>On SSDs, USB sticks and memory cards, the drive may keep an old copy of the key file in blocks it no longer uses, where no program can overwrite it. Full-disk encryption of this computer protects against that.</source>
            <translation>على أقراص SSD وذواكر USB وبطاقات الذاكرة، قد يحتفظ القرص بنسخة قديمة من ملف المفاتيح في كتل لم يعد يستخدمها، حيث لا يستطيع أي برنامج الكتابة فوقها. تشفير القرص بالكامل على هذا الحاسوب يحمي من ذلك.</translation>
        </message>
        <message>
            <location line="+6" />
            <source>To erase, type %1 below.</source>
            <translation>للمحو، اكتب %1 أدناه.</translation>
        </message>
        <message>
            <location line="+4" />
            <source>Confirmation word</source>
            <translation>كلمة التأكيد</translation>
        </message>
        <message>
            <location line="+7" />
            <source>Erase the vault</source>
            <translation>امحُ الخزنة</translation>
        </message>
        <message>
            <location line="+29" />
            <source>ERASE</source>
            <translation>امسح</translation>
        </message>
        <message>
            <location line="+13" />
            <source>Nothing was erased: type %1 exactly to confirm.</source>
            <translation>لم يُمحَ شيء: اكتب %1 كما هي تمامًا للتأكيد.</translation>
        </message>
    </context>
    <context>
        <name>fv::desktop::EsfPicker</name>
        <message>
            <location filename="../editor/EsfPicker.cpp" line="+21" />
            <source>Type to filter (English or Arabic)</source>
            <translation>اكتب للتصفية (بالعربية أو الإنجليزية)</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Filter the list</source>
            <translation>تصفية القائمة</translation>
        </message>
        <message>
            <location line="+91" />
            <source>None chosen.</source>
            <translation>لم يُختر شيء.</translation>
        </message>
        <message numerus="yes">
            <location line="+1" />
            <source>Chosen (%n): %1</source>
            <translation>
                <numerusform>المختار (لا شيء): %1</numerusform>
                <numerusform>المختار (واحد): %1</numerusform>
                <numerusform>المختار (اثنان): %1</numerusform>
                <numerusform>المختار (%n): %1</numerusform>
                <numerusform>المختار (%n): %1</numerusform>
                <numerusform>المختار (%n): %1</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>fv::desktop::ExportWizard</name>
        <message>
            <location filename="../handoff/ExportWizard.cpp" line="+61" />
            <source>Export for HQ</source>
            <translation>تصدير إلى المقر</translation>
        </message>
        <message>
            <location line="+4" />
            <source>&amp;Next &gt;</source>
            <translation>&amp;التالي &lt;</translation>
        </message>
        <message>
            <location line="+4" />
            <source>Who can open the bundle</source>
            <translation>من يستطيع فتح الحزمة</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Only the HQ cards you tick can open what you export.</source>
            <translation>لا تفتح ما تصدّره إلا بطاقات المقر التي تحددها.</translation>
        </message>
        <message>
            <location line="+3" />
            <source>No HQ card is enrolled in this vault yet. Enrol HQ's card first (Hand-off, Enrol HQ card), after checking its fingerprint by phone.</source>
            <translation>لا توجد بطاقة مقر مسجّلة في هذه الخزنة بعد. سجّل بطاقة المقر أولًا (التسليم، تسجيل بطاقة المقر) بعد التحقق من بصمتها بالهاتف.</translation>
        </message>
        <message>
            <location line="+9" />
            <source>%1 (fingerprint %2)</source>
            <translation>%1 (البصمة %2)</translation>
        </message>
        <message>
            <location line="+23" />
            <source>What to export</source>
            <translation>ماذا تصدّر</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Everything HQ has &amp;not acknowledged yet</source>
            <translation>كل ما &amp;لم يؤكد المقر استلامه بعد</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Only the testimonies &amp;ticked below (all their versions)</source>
            <translation>الشهادات ال&amp;محددة أدناه فقط (بكل نسخها)</translation>
        </message>
        <message>
            <location line="+7" />
            <source>(untitled)</source>
            <translation>(بلا عنوان)</translation>
        </message>
        <message>
            <location line="+10" />
            <source>&amp;Include identifying witness fields (real name, contact, address, interpreter, original file names)</source>
            <translation>&amp;تضمين حقول هوية الشاهد (الاسم الحقيقي، وسيلة الاتصال، العنوان، المترجم، أسماء الملفات الأصلية)</translation>
        </message>
        <message>
            <location line="+4" />
            <source>Warning: with identifying fields, anyone who seizes this bundle together with HQ's key can identify the witnesses. They are included only where the witness gave consent. Leave this off unless HQ asked for them.</source>
            <translation>تحذير: مع حقول الهوية، يستطيع كل من يضبط هذه الحزمة ومعها مفتاح المقر أن يتعرّف على الشهود. لا تُضمَّن إلا حيث وافق الشاهد. اترك هذا الخيار معطّلًا ما لم يطلبها المقر.</translation>
        </message>
        <message>
            <location line="+32" />
            <source>Where to write it</source>
            <translation>أين تُكتب</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Messengers and e-mail limit file sizes: split the bundle into parts that fit. HQ needs every part.</source>
            <translation>تطبيقات المراسلة والبريد الإلكتروني تحدّ من حجم الملفات: قسّم الحزمة إلى أجزاء مناسبة. يحتاج المقر إلى كل الأجزاء.</translation>
        </message>
        <message>
            <location line="+4" />
            <source>One file (no parts)</source>
            <translation>ملف واحد (بلا أجزاء)</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Parts of 10 MB</source>
            <translation>أجزاء من 10 ميغابايت</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Parts of 25 MB</source>
            <translation>أجزاء من 25 ميغابايت</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Parts of 100 MB</source>
            <translation>أجزاء من 100 ميغابايت</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Parts of a size I choose</source>
            <translation>أجزاء بحجم أختاره</translation>
        </message>
        <message>
            <location line="+5" />
            <source> MB</source>
            <translation> ميغابايت</translation>
        </message>
        <message>
            <location line="+6" />
            <source>&amp;Choose…</source>
            <translation>&amp;اختر…</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Folder to write the bundle to</source>
            <translation>المجلد الذي تُكتب فيه الحزمة</translation>
        </message>
        <message>
            <location line="+9" />
            <source>&amp;Parts:</source>
            <translation>الأ&amp;جزاء:</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Part &amp;size:</source>
            <translation>&amp;حجم الجزء:</translation>
        </message>
        <message>
            <location line="+1" />
            <source>&amp;Folder:</source>
            <translation>ال&amp;مجلد:</translation>
        </message>
        <message>
            <location line="+11" />
            <location line="+181" />
            <source>Exporting</source>
            <translation>جارٍ التصدير</translation>
        </message>
        <message>
            <location line="-175" />
            <source>&amp;Stop the export</source>
            <translation>&amp;إيقاف التصدير</translation>
        </message>
        <message>
            <location line="+16" />
            <source>What went out</source>
            <translation>ما الذي صُدِّر</translation>
        </message>
        <message>
            <location line="+15" />
            <source>Bundle %1 is written and sealed to %2 HQ card(s).

Files (HQ needs all of them):
%3

%4 testimonies, %5 versions, %6 attachments; %7 in all.

The testimonies stay in this vault until HQ sends a receipt and you purge them.</source>
            <translation>كُتبت الحزمة %1 وخُتمت لعدد %2 من بطاقات المقر.

الملفات (يحتاجها المقر كلها):
%3

الشهادات: %4، النسخ: %5، المرفقات: %6؛ الحجم الكلي %7.

تبقى الشهادات في هذه الخزنة إلى أن يرسل المقر إيصالًا وتحذفها أنت.</translation>
        </message>
        <message>
            <location line="+75" />
            <source>The vault is locked. Unlock it and export again.</source>
            <translation>الخزنة مقفلة. افتحها ثم صدّر مرة أخرى.</translation>
        </message>
        <message>
            <location line="+19" />
            <source>Sealing the bundle…</source>
            <translation>جارٍ ختم الحزمة…</translation>
        </message>
        <message>
            <location line="+12" />
            <source>Another operation is still running in this vault. Go back and export again when it has ended.</source>
            <translation>ما زالت عملية أخرى جارية في هذه الخزنة. ارجع وصدّر مجددًا عند انتهائها.</translation>
        </message>
        <message>
            <location line="+29" />
            <source>Done.</source>
            <translation>تم.</translation>
        </message>
        <message>
            <location line="+7" />
            <source>The export was stopped. Nothing was written and nothing was recorded as exported.</source>
            <translation>أُوقف التصدير. لم يُكتب شيء ولم يُسجَّل أي شيء على أنه صُدِّر.</translation>
        </message>
        <message>
            <location line="+4" />
            <source>Go back to change the choices and try again.</source>
            <translation>ارجع لتغيير الخيارات ثم حاول مجددًا.</translation>
        </message>
        <message>
            <location line="+8" />
            <source>Stopping…</source>
            <translation>جارٍ الإيقاف…</translation>
        </message>
    </context>
    <context>
        <name>fv::desktop::FuzzyDateEdit</name>
        <message>
            <location filename="../editor/FuzzyDateEdit.cpp" line="+19" />
            <source>Not known</source>
            <translation>غير معروف</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Exact day</source>
            <translation>اليوم بالتحديد</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Around that day</source>
            <translation>في حدود ذلك اليوم</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Month only</source>
            <translation>الشهر فقط</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Year only</source>
            <translation>السنة فقط</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Date precision</source>
            <translation>دقة التاريخ</translation>
        </message>
        <message>
            <location line="+6" />
            <source>Year</source>
            <translation>السنة</translation>
        </message>
        <message>
            <location line="+4" />
            <source>Month</source>
            <translation>الشهر</translation>
        </message>
        <message>
            <location line="+4" />
            <source>Day</source>
            <translation>اليوم</translation>
        </message>
        <message>
            <location line="+5" />
            <source>Year:</source>
            <translation>السنة:</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Month:</source>
            <translation>الشهر:</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Day:</source>
            <translation>اليوم:</translation>
        </message>
    </context>
    <context>
        <name>fv::desktop::HistoryPage</name>
        <message>
            <location filename="../editor/HistoryPage.cpp" line="+33" />
            <source>draft</source>
            <translation>مسودة</translation>
        </message>
        <message>
            <location line="+2" />
            <source>complete</source>
            <translation>مكتملة</translation>
        </message>
        <message>
            <location line="+2" />
            <source>exported</source>
            <translation>مُصدَّرة</translation>
        </message>
        <message>
            <location line="+2" />
            <source>delivered</source>
            <translation>مُسلَّمة</translation>
        </message>
        <message>
            <location line="+29" />
            <source>&amp;Versions</source>
            <translation>ال&amp;نسخ</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Version</source>
            <translation>النسخة</translation>
        </message>
        <message>
            <location line="+0" />
            <source>Saved at</source>
            <translation>وقت الحفظ</translation>
        </message>
        <message>
            <location line="+0" />
            <source>Fingerprint</source>
            <translation>البصمة</translation>
        </message>
        <message>
            <location line="+9" />
            <source>&amp;Custody events</source>
            <translation>أحداث ال&amp;عهدة</translation>
        </message>
        <message>
            <location line="+2" />
            <source>No.</source>
            <translation>رقم</translation>
        </message>
        <message>
            <location line="+0" />
            <source>When</source>
            <translation>متى</translation>
        </message>
        <message>
            <location line="+0" />
            <source>What happened</source>
            <translation>ما الذي حدث</translation>
        </message>
        <message>
            <location line="+12" />
            <source>Compare version &amp;from:</source>
            <translation>مقارنة ال&amp;نسخة:</translation>
        </message>
        <message>
            <location line="+2" />
            <source>&amp;to version:</source>
            <translation>&amp;بالنسخة:</translation>
        </message>
        <message>
            <location line="+8" />
            <location line="+188" />
            <source>Field</source>
            <translation>ميداني</translation>
        </message>
        <message>
            <location line="-188" />
            <source>Before</source>
            <translation>قبل</translation>
        </message>
        <message>
            <location line="+0" />
            <source>After</source>
            <translation>بعد</translation>
        </message>
        <message>
            <location line="+8" />
            <source>What changed between two versions</source>
            <translation>ما الذي تغيّر بين نسختين</translation>
        </message>
        <message>
            <location line="+81" />
            <source>Reading the history</source>
            <translation>قراءة السجل</translation>
        </message>
        <message>
            <location line="+6" />
            <source>History intact: every version and custody event is linked and unaltered.</source>
            <translation>السجل سليم: كل نسخة وكل حدث عهدة مترابطان ولم يُعدَّلا.</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Warning: the history of this testimony does not verify. A version or custody event may have been altered or removed outside Fieldvault. Do not rely on it; tell HQ. (%1)</source>
            <translation>تحذير: تعذّر التحقق من سجل هذه الشهادة. ربما عُدّلت نسخة أو حدث عهدة أو حُذفا خارج Fieldvault. لا تعتمد عليه؛ وأبلغ المقر. (%1)</translation>
        </message>
        <message>
            <location line="+9" />
            <location line="+7" />
            <location line="+1" />
            <location line="+73" />
            <source>Version %1</source>
            <translation>النسخة %1</translation>
        </message>
        <message>
            <location line="-79" />
            <source>SHA-256 of this version in the chain: %1</source>
            <translation>بصمة SHA-256 لهذه النسخة في السلسلة: %1</translation>
        </message>
        <message>
            <location line="+62" />
            <source>Version 1 is the first version; there is nothing before it to compare with.</source>
            <translation>النسخة 1 هي الأولى؛ لا شيء قبلها للمقارنة.</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Choose two different versions to see what changed.</source>
            <translation>اختر نسختين مختلفتين لترى ما تغيّر.</translation>
        </message>
        <message>
            <location line="+7" />
            <source>Reading the versions to compare</source>
            <translation>قراءة النسخ المراد مقارنتها</translation>
        </message>
        <message>
            <location line="+4" />
            <source>Versions %1 and %2 have the same content.</source>
            <translation>للنسختين %1 و%2 المحتوى نفسه.</translation>
        </message>
        <message numerus="yes">
            <location line="+1" />
            <source>%n field(s) changed from version %1 to version %2.</source>
            <translation>
                <numerusform>لم يتغير أي حقل من النسخة %1 إلى النسخة %2.</numerusform>
                <numerusform>تغيّر حقل واحد من النسخة %1 إلى النسخة %2.</numerusform>
                <numerusform>تغيّر حقلان من النسخة %1 إلى النسخة %2.</numerusform>
                <numerusform>تغيّرت %n حقول من النسخة %1 إلى النسخة %2.</numerusform>
                <numerusform>تغيّر %n حقلًا من النسخة %1 إلى النسخة %2.</numerusform>
                <numerusform>تغيّر %n حقل من النسخة %1 إلى النسخة %2.</numerusform>
            </translation>
        </message>
        <message>
            <location line="+6" />
            <source>%1 (sensitive)</source>
            <translation>%1 (حسّاس)</translation>
        </message>
        <message>
            <location line="+13" />
            <source>Testimony created (version %1).</source>
            <translation>أُنشئت الشهادة (النسخة %1).</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Edited: version %1 saved.</source>
            <translation>عُدّلت: حُفظت النسخة %1.</translation>
        </message>
        <message>
            <location line="+6" />
            <source>Audio recording attached (%1, fingerprint %2).</source>
            <translation>أُرفق تسجيل صوتي (%1، البصمة %2).</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Photo attached (%1, fingerprint %2).</source>
            <translation>أُرفقت صورة (%1، البصمة %2).</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Video attached (%1, fingerprint %2).</source>
            <translation>أُرفق فيديو (%1، البصمة %2).</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Document attached (%1, fingerprint %2).</source>
            <translation>أُرفق مستند (%1، البصمة %2).</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Status changed from %1 to %2.</source>
            <translation>تغيّرت الحالة من %1 إلى %2.</translation>
        </message>
        <message>
            <location line="+6" />
            <source>Exported in bundle %1 for %2.</source>
            <translation>صُدِّرت في الحزمة %1 إلى %2.</translation>
        </message>
        <message>
            <location line="+2" />
            <source>no named recipient</source>
            <translation>مستلم غير مسمّى</translation>
        </message>
        <message>
            <location line="+3" />
            <source>HQ confirmed it received bundle %1.</source>
            <translation>أكّد المقر استلام الحزمة %1.</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Purged from this device after HQ confirmed delivery.</source>
            <translation>حُذفت من هذا الجهاز بعد أن أكّد المقر التسليم.</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Custody event “%1”.</source>
            <translation>حدث عهدة «%1».</translation>
        </message>
    </context>
    <context>
        <name>fv::desktop::ImportWindow</name>
        <message>
            <location filename="../handoff/ImportWindow.cpp" line="+91" />
            <source>Import bundles</source>
            <translation>استيراد الحزم</translation>
        </message>
        <message>
            <location line="+5" />
            <source>Choose the bundles and parts delegates sent, or drop them here. Each bundle is checked before anything of it is stored; a refused bundle changes nothing.</source>
            <translation>اختر الحزم والأجزاء التي أرسلها المندوبون، أو أفلتها هنا. تُفحص كل حزمة قبل حفظ أي شيء منها؛ والحزمة المرفوضة لا تغيّر شيئًا.</translation>
        </message>
        <message>
            <location line="+7" />
            <source>&amp;Add files…</source>
            <translation>&amp;إضافة ملفات…</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Bundles and parts to import</source>
            <translation>الحزم والأجزاء المراد استيرادها</translation>
        </message>
        <message>
            <location line="+1" />
            <source>&amp;Import</source>
            <translation>ا&amp;ستيراد</translation>
        </message>
        <message>
            <location line="+4" />
            <source>&amp;Stop after this bundle</source>
            <translation>&amp;توقّف بعد هذه الحزمة</translation>
        </message>
        <message>
            <location line="+2" />
            <source>The bundle being imported is finished; the others are not started.</source>
            <translation>تُستكمل الحزمة الجاري استيرادها، ولا تبدأ الحزم الأخرى.</translation>
        </message>
        <message>
            <location line="+3" />
            <source>&amp;Received testimonies…</source>
            <translation>الشهادات ال&amp;مستلمة…</translation>
        </message>
        <message>
            <location line="+8" />
            <source>&amp;Close</source>
            <translation>إ&amp;غلاق</translation>
        </message>
        <message>
            <location line="+5" />
            <source>Bundle</source>
            <translation>الحزمة</translation>
        </message>
        <message>
            <location line="+0" />
            <source>Sender</source>
            <translation>المرسل</translation>
        </message>
        <message>
            <location line="+0" />
            <source>Fingerprint</source>
            <translation>البصمة</translation>
        </message>
        <message>
            <location line="+0" />
            <source>Verification</source>
            <translation>التحقق</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Testimonies added</source>
            <translation>الشهادات المضافة</translation>
        </message>
        <message>
            <location line="+0" />
            <source>Versions added</source>
            <translation>النسخ المضافة</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Attachments added</source>
            <translation>المرفقات المضافة</translation>
        </message>
        <message>
            <location line="+0" />
            <source>Imported</source>
            <translation>تاريخ الاستيراد</translation>
        </message>
        <message>
            <location line="+65" />
            <source>Only an HQ vault imports bundles; this is a field vault.</source>
            <translation>لا تستورد الحزم إلا خزنة المقر؛ وهذه خزنة ميدانية.</translation>
        </message>
        <message>
            <location line="+23" />
            <source>Another operation is still running in this vault. Import when it has ended.</source>
            <translation>ما زالت عملية أخرى جارية في هذه الخزنة. استورد عند انتهائها.</translation>
        </message>
        <message numerus="yes">
            <location line="+8" />
            <source>Checking and importing %n bundle(s)…</source>
            <translation>
                <numerusform>لا توجد حزم للفحص والاستيراد…</numerusform>
                <numerusform>جارٍ فحص حزمة واحدة واستيرادها…</numerusform>
                <numerusform>جارٍ فحص حزمتين واستيرادهما…</numerusform>
                <numerusform>جارٍ فحص %n حزم واستيرادها…</numerusform>
                <numerusform>جارٍ فحص %n حزمة واستيرادها…</numerusform>
                <numerusform>جارٍ فحص %n حزمة واستيرادها…</numerusform>
            </translation>
        </message>
        <message>
            <location line="+10" />
            <source>Stopping after the bundle being imported…</source>
            <translation>جارٍ التوقف بعد الحزمة الجاري استيرادها…</translation>
        </message>
        <message>
            <location line="+23" />
            <source>REFUSED, nothing imported: %1 (%2)</source>
            <translation>مرفوضة، لم يُستورد شيء: %1 (%2)</translation>
        </message>
        <message>
            <location line="+8" />
            <source>Not started: the import was stopped. Its files wait in the list above.</source>
            <translation>لم تبدأ: أُوقف الاستيراد. ملفاتها تنتظر في القائمة أعلاه.</translation>
        </message>
        <message>
            <location line="+9" />
            <source>%1 (%2)</source>
            <translation>%1 (%2)</translation>
        </message>
        <message>
            <location line="+5" />
            <source>Verified (already imported; nothing changed)</source>
            <translation>تم التحقق (مستوردة من قبل؛ لم يتغير شيء)</translation>
        </message>
        <message>
            <location line="+0" />
            <source>Verified</source>
            <translation>تم التحقق</translation>
        </message>
        <message>
            <location line="+6" />
            <source>QUARANTINED: the sender's card is not enrolled here. The bundle is intact and signed by the key it names, but nobody vouched for that key. Check the fingerprint by phone, enrol the card and ask for a new export.</source>
            <translation>في الحجر: بطاقة المرسل غير مسجّلة هنا. الحزمة سليمة وموقّعة بالمفتاح المذكور فيها، لكن لم يضمن أحد هذا المفتاح. تحقّق من البصمة بالهاتف، وسجّل البطاقة، واطلب تصديرًا جديدًا.</translation>
        </message>
        <message>
            <location line="+20" />
            <source>%1 verified, %2 quarantined, %3 refused.</source>
            <translation>تم التحقق: %1، في الحجر: %2، مرفوضة: %3.</translation>
        </message>
        <message numerus="yes">
            <location line="+3" />
            <source>The import was stopped: %n bundle(s) not started; they wait in the list to be imported.</source>
            <translation>
                <numerusform>أُوقف الاستيراد: لم تبدأ أي حزمة.</numerusform>
                <numerusform>أُوقف الاستيراد: لم تبدأ حزمة واحدة؛ وهي تنتظر في القائمة لاستيرادها.</numerusform>
                <numerusform>أُوقف الاستيراد: لم تبدأ حزمتان؛ وهما تنتظران في القائمة لاستيرادهما.</numerusform>
                <numerusform>أُوقف الاستيراد: لم تبدأ %n حزم؛ وهي تنتظر في القائمة لاستيرادها.</numerusform>
                <numerusform>أُوقف الاستيراد: لم تبدأ %n حزمة؛ وهي تنتظر في القائمة لاستيرادها.</numerusform>
                <numerusform>أُوقف الاستيراد: لم تبدأ %n حزمة؛ وهي تنتظر في القائمة لاستيرادها.</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>fv::desktop::IncidentsPage</name>
        <message>
            <location filename="../editor/IncidentsPage.cpp" line="+85" />
            <source>Incidents</source>
            <translation>الحوادث</translation>
        </message>
        <message>
            <location line="+22" />
            <source>Type</source>
            <translation>النوع</translation>
        </message>
        <message>
            <location line="+0" />
            <location line="+16" />
            <source>Description</source>
            <translation>الوصف</translation>
        </message>
        <message>
            <location line="-12" />
            <source>Perpetrators</source>
            <translation>الجناة</translation>
        </message>
        <message>
            <location line="-25" />
            <source>Add i&amp;ncident</source>
            <translation>&amp;إضافة حادثة</translation>
        </message>
        <message>
            <location line="+2" />
            <source>R&amp;emove incident</source>
            <translation>&amp;حذف الحادثة</translation>
        </message>
        <message>
            <location line="+25" />
            <source>Remove perpetrator</source>
            <translation>حذف الجاني</translation>
        </message>
        <message>
            <location line="+0" />
            <source>Add perpetrat&amp;or</source>
            <translation>إضافة &amp;جانٍ</translation>
        </message>
        <message>
            <location line="+10" />
            <source>Name</source>
            <translation>الاسم</translation>
        </message>
        <message>
            <location line="+0" />
            <source>Count</source>
            <translation>العدد</translation>
        </message>
        <message>
            <location line="+0" />
            <source>Age</source>
            <translation>العمر</translation>
        </message>
        <message>
            <location line="+0" />
            <source>Gender</source>
            <translation>الجنس</translation>
        </message>
        <message>
            <location line="+0" />
            <source>Condition</source>
            <translation>الحالة</translation>
        </message>
        <message>
            <location line="+4" />
            <source>Victims</source>
            <translation>الضحايا</translation>
        </message>
        <message>
            <location line="+29" />
            <source>Ac&amp;ts:</source>
            <translation>الأ&amp;فعال:</translation>
        </message>
        <message>
            <location line="+1" />
            <source>&amp;Perpetrators:</source>
            <translation>ال&amp;جناة:</translation>
        </message>
        <message>
            <location line="+1" />
            <source>&amp;Victims:</source>
            <translation>ال&amp;ضحايا:</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Desc&amp;ription:</source>
            <translation>ال&amp;وصف:</translation>
        </message>
        <message>
            <location line="-30" />
            <source>Remove victim</source>
            <translation>حذف الضحية</translation>
        </message>
        <message>
            <location line="+0" />
            <source>Add victi&amp;m</source>
            <translation>إضافة &amp;ضحية</translation>
        </message>
        <message>
            <location line="+14" />
            <source>Incident description</source>
            <translation>وصف الحادثة</translation>
        </message>
        <message>
            <location line="+11" />
            <source>&amp;Date:</source>
            <translation>ال&amp;تاريخ:</translation>
        </message>
        <message>
            <location line="+1" />
            <source>P&amp;lace:</source>
            <translation>ال&amp;مكان:</translation>
        </message>
        <message>
            <location line="+213" />
            <source>Incident %1 (nothing entered yet)</source>
            <translation>الحادثة %1 (لم يُدخل شيء بعد)</translation>
        </message>
        <message>
            <location line="+1" />
            <source>%1. %2</source>
            <translation>%1. %2</translation>
        </message>
    </context>
    <context>
        <name>fv::desktop::InterviewPage</name>
        <message>
            <location filename="../editor/InterviewPage.cpp" line="+41" />
            <source>Language codes, separated by commas: ar, en</source>
            <translation>رموز اللغات مفصولة بفواصل: ar, en</translation>
        </message>
        <message>
            <location line="+4" />
            <source>Empty when nobody interpreted</source>
            <translation>اتركه فارغًا إن لم يكن هناك مترجم</translation>
        </message>
        <message>
            <location line="+5" />
            <source>Normal</source>
            <translation>عادية</translation>
        </message>
        <message>
            <location line="+1" />
            <source>High: identifying details or graphic content</source>
            <translation>عالية: تفاصيل تكشف الهوية أو محتوى صادم</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Critical: disclosure would put someone in immediate danger</source>
            <translation>حرجة: الكشف عنها يعرّض شخصًا لخطر فوري</translation>
        </message>
        <message>
            <location line="+6" />
            <source>Draft</source>
            <translation>مسودة</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Complete</source>
            <translation>مكتملة</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Exported</source>
            <translation>مُصدَّرة</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Delivered to headquarters</source>
            <translation>سُلِّمت إلى المقر</translation>
        </message>
        <message>
            <location line="+11" />
            <source>Tags, separated by commas</source>
            <translation>وسوم مفصولة بفواصل</translation>
        </message>
        <message>
            <location line="+20" />
            <source>Sensitive: never exported unless chosen.</source>
            <translation>حسّاس: لا يُصدَّر أبدًا إلا إذا اخترت ذلك.</translation>
        </message>
        <message>
            <location line="+16" />
            <source>&amp;Title:</source>
            <translation>ال&amp;عنوان:</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Interview &amp;date:</source>
            <translation>&amp;تاريخ المقابلة:</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Interview &amp;place:</source>
            <translation>&amp;مكان المقابلة:</translation>
        </message>
        <message>
            <location line="+1" />
            <source>&amp;Languages:</source>
            <translation>ال&amp;لغات:</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Interp&amp;reter:</source>
            <translation>الم&amp;ترجم:</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Sensitivit&amp;y:</source>
            <translation>درجة ال&amp;حساسية:</translation>
        </message>
        <message>
            <location line="-1" />
            <source>Inter&amp;viewer:</source>
            <translation>م&amp;جري المقابلة:</translation>
        </message>
        <message>
            <location line="+2" />
            <source>&amp;Status:</source>
            <translation>ال&amp;حالة:</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Ta&amp;gs:</source>
            <translation>ال&amp;وسوم:</translation>
        </message>
        <message>
            <location line="+1" />
            <source>&amp;Narrative:</source>
            <translation>ال&amp;رواية:</translation>
        </message>
        <message>
            <location line="+1" />
            <source>S&amp;ummary:</source>
            <translation>ال&amp;ملخص:</translation>
        </message>
    </context>
    <context>
        <name>fv::desktop::IssueReceiptDialog</name>
        <message>
            <location filename="../handoff/ReceiptDialogs.cpp" line="+294" />
            <source>Issue a receipt</source>
            <translation>إصدار إيصال</translation>
        </message>
        <message>
            <location line="+2" />
            <source>A receipt tells the delegate's vault what HQ holds, so the delegate can remove it from the field device. Issue it only when the material is safely kept here, backups included.</source>
            <translation>يُعلم الإيصالُ خزنةَ المندوب بما يحفظه المقر، ليتمكن المندوب من حذفه من جهازه الميداني. لا تُصدره إلا بعد أن تُحفظ المواد هنا بأمان، بما في ذلك النسخ الاحتياطية.</translation>
        </message>
        <message>
            <location line="+13" />
            <source>%1 from %2, imported %3 (QUARANTINED: no receipt possible)</source>
            <translation>%1 من %2، استُوردت في %3 (في الحجر: لا يمكن إصدار إيصال)</translation>
        </message>
        <message>
            <location line="+2" />
            <source>%1 from %2, imported %3</source>
            <translation>%1 من %2، استُوردت في %3</translation>
        </message>
        <message>
            <location line="+7" />
            <source>C&amp;hoose…</source>
            <translation>&amp;اختر…</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Folder to write the receipt to</source>
            <translation>المجلد الذي يُكتب فيه الإيصال</translation>
        </message>
        <message>
            <location line="+10" />
            <source>&amp;Bundle:</source>
            <translation>ال&amp;حزمة:</translation>
        </message>
        <message>
            <location line="+1" />
            <source>&amp;Folder:</source>
            <translation>ال&amp;مجلد:</translation>
        </message>
        <message>
            <location line="+4" />
            <source>&amp;Issue receipt</source>
            <translation>&amp;إصدار الإيصال</translation>
        </message>
        <message>
            <location line="+11" />
            <source>No bundle has been imported yet.</source>
            <translation>لم تُستورد أي حزمة بعد.</translation>
        </message>
        <message>
            <location line="+30" />
            <source>Choose an existing folder for the receipt.</source>
            <translation>اختر مجلدًا موجودًا للإيصال.</translation>
        </message>
        <message>
            <location line="+5" />
            <source>Issuing the receipt</source>
            <translation>إصدار الإيصال</translation>
        </message>
        <message>
            <location line="+5" />
            <source>Receipt for bundle %1 (%2 versions, %3 attachments) written to:
%4
Send this file to the delegate.</source>
            <translation>كُتب إيصال الحزمة %1 (النسخ: %2، المرفقات: %3) في:
%4
أرسل هذا الملف إلى المندوب.</translation>
        </message>
    </context>
    <context>
        <name>fv::desktop::MainWindow</name>
        <message>
            <location filename="../main/MainWindow.cpp" line="+85" />
            <source>%1+ testimonies</source>
            <translation>أكثر من %1 شهادة</translation>
        </message>
        <message numerus="yes">
            <location line="+0" />
            <source>%n testimonies</source>
            <translation>
                <numerusform>لا شهادات</numerusform>
                <numerusform>شهادة واحدة</numerusform>
                <numerusform>شهادتان</numerusform>
                <numerusform>%n شهادات</numerusform>
                <numerusform>%n شهادة</numerusform>
                <numerusform>%n شهادة</numerusform>
            </translation>
        </message>
        <message>
            <location line="+17" />
            <source>&amp;Vault</source>
            <translation>&amp;الخزنة</translation>
        </message>
        <message>
            <location line="+1" />
            <source>&amp;New testimony</source>
            <translation>شهادة &amp;جديدة</translation>
        </message>
        <message>
            <location line="+5" />
            <source>&amp;Lock</source>
            <translation>&amp;قفل</translation>
        </message>
        <message>
            <location line="+5" />
            <source>&amp;Quick exit</source>
            <translation>خروج &amp;سريع</translation>
        </message>
        <message>
            <location line="+5" />
            <source>Save, lock and close at once (F12)</source>
            <translation>احفظ واقفل وأغلق فورًا (F12)</translation>
        </message>
        <message>
            <location line="+1" />
            <source>&amp;Settings…</source>
            <translation>الإ&amp;عدادات…</translation>
        </message>
        <message>
            <location line="+12" />
            <source>&amp;Quit</source>
            <translation>&amp;إنهاء</translation>
        </message>
        <message>
            <location line="+3" />
            <source>&amp;Hand-off</source>
            <translation>الت&amp;سليم</translation>
        </message>
        <message>
            <location line="+65" />
            <source>A change was not saved</source>
            <translation>لم يُحفظ تعديل</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Before the automatic lock, the last change to the testimony could not be saved (%1). Please check it and type it again.</source>
            <translation>قبل القفل التلقائي، تعذّر حفظ آخر تعديل على الشهادة (%1). يُرجى مراجعتها وكتابة التعديل من جديد.</translation>
        </message>
        <message>
            <location line="+53" />
            <source>Lock</source>
            <translation>قفل</translation>
        </message>
        <message>
            <location line="+1" />
            <source>The last change could not be saved: %1

If you lock now, this change is lost.</source>
            <translation>تعذّر حفظ آخر تعديل: %1

إذا أقفلت الآن، يضيع هذا التعديل.</translation>
        </message>
        <message>
            <location line="+5" />
            <source>Lock &amp;anyway</source>
            <translation>أقفل &amp;رغم ذلك</translation>
        </message>
        <message>
            <location line="+1" />
            <source>&amp;Stay unlocked</source>
            <translation>&amp;ابقَ مفتوحًا</translation>
        </message>
        <message>
            <location line="+71" />
            <source>On SSDs, USB sticks and memory cards, the drive may still keep an old copy of the key file in blocks it no longer uses, where no program can overwrite it. Full-disk encryption of this computer protects against that.</source>
            <translation>على أقراص SSD وذواكر USB وبطاقات الذاكرة، قد يظل القرص محتفظًا بنسخة قديمة من ملف المفاتيح في كتل لم يعد يستخدمها، حيث لا يستطيع أي برنامج الكتابة فوقها. تشفير القرص بالكامل على هذا الحاسوب يحمي من ذلك.</translation>
        </message>
        <message>
            <location line="+4" />
            <source>The vault was erased: its key file was overwritten and every file of the vault deleted. No passphrase and no recovery key can open it any more.</source>
            <translation>مُحيت الخزنة: كُتب فوق ملف مفاتيحها وحُذفت كل ملفاتها. لم تعد أي عبارة مرور ولا مفتاح الاسترداد قادرة على فتحها.</translation>
        </message>
        <message>
            <location line="+2" />
            <source>The vault could not be erased completely: %1</source>
            <translation>تعذّر محو الخزنة بالكامل: %1</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Erasing the vault</source>
            <translation>محو الخزنة</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Erase</source>
            <translation>المحو</translation>
        </message>
        <message>
            <location line="+31" />
            <source>Folder of the vault</source>
            <translation>مجلد الخزنة</translation>
        </message>
        <message>
            <location line="+6" />
            <source>No vault here</source>
            <translation>لا توجد خزنة هنا</translation>
        </message>
        <message>
            <location line="+1" />
            <source>This folder does not hold a Fieldvault vault. Choose another folder, or create a new vault.</source>
            <translation>هذا المجلد لا يحتوي على خزنة Fieldvault. اختر مجلدًا آخر أو أنشئ خزنة جديدة.</translation>
        </message>
    </context>
    <context>
        <name>fv::desktop::OwnCardDialog</name>
        <message>
            <location filename="../handoff/CardDialogs.cpp" line="+8" />
            <source>My card</source>
            <translation>بطاقتي</translation>
        </message>
        <message>
            <location line="+2" />
            <source>This card holds no secret. Give it to the other side (HQ or a delegate), then read the fingerprint to each other by phone before they enrol it.</source>
            <translation>لا تحتوي هذه البطاقة على أي سر. أعطها للطرف الآخر (المقر أو مندوب)، ثم اقرآ البصمة أحدكما للآخر بالهاتف قبل أن يسجّلها.</translation>
        </message>
    </context>
    <context>
        <name>fv::desktop::OwnCardView</name>
        <message>
            <location filename="../handoff/CardView.cpp" line="+23" />
            <source>The card file cannot be read. Check that the drive is connected.</source>
            <translation>تعذّرت قراءة ملف البطاقة. تأكّد أن القرص موصول.</translation>
        </message>
        <message>
            <location line="+4" />
            <source>Reading the card</source>
            <translation>قراءة البطاقة</translation>
        </message>
        <message>
            <location line="+4" />
            <source>This is a delegate's card, not an HQ card. A field vault enrols only HQ cards.</source>
            <translation>هذه بطاقة مندوب وليست بطاقة مقر. الخزنة الميدانية لا تسجّل إلا بطاقات المقر.</translation>
        </message>
        <message>
            <location line="+2" />
            <source>This is an HQ card, not a delegate's card. An HQ vault enrols only delegates' cards.</source>
            <translation>هذه بطاقة مقر وليست بطاقة مندوب. خزنة المقر لا تسجّل إلا بطاقات المندوبين.</translation>
        </message>
        <message>
            <location line="+26" />
            <source>Fingerprint</source>
            <translation>البصمة</translation>
        </message>
        <message>
            <location line="+8" />
            <source>Card text</source>
            <translation>نص البطاقة</translation>
        </message>
        <message>
            <location line="+6" />
            <source>The card is too long for a QR code; give the text instead.</source>
            <translation>البطاقة أطول من أن تُوضع في رمز QR؛ أعطِ النص بدلًا منه.</translation>
        </message>
        <message>
            <location line="+3" />
            <source>QR code of the card</source>
            <translation>رمز QR للبطاقة</translation>
        </message>
        <message>
            <location line="+2" />
            <source>&amp;Save card to file…</source>
            <translation>&amp;حفظ البطاقة في ملف…</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Save the card</source>
            <translation>حفظ البطاقة</translation>
        </message>
        <message>
            <location line="+30" />
            <source>The card could not be saved there. Choose another folder.</source>
            <translation>تعذّر حفظ البطاقة هناك. اختر مجلدًا آخر.</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Saved to %1.</source>
            <translation>حُفظت في %1.</translation>
        </message>
    </context>
    <context>
        <name>fv::desktop::PlaceEdit</name>
        <message>
            <location filename="../editor/PlaceEdit.cpp" line="+24" />
            <source>Place name</source>
            <translation>اسم المكان</translation>
        </message>
        <message>
            <location line="+1" />
            <source>City or town</source>
            <translation>المدينة أو البلدة</translation>
        </message>
        <message>
            <location line="+1" />
            <source>District or neighbourhood</source>
            <translation>المنطقة أو الحي</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Landmark</source>
            <translation>معلم قريب</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Coordinates:</source>
            <translation>الإحداثيات:</translation>
        </message>
        <message>
            <location line="+12" />
            <source>Latitude</source>
            <translation>خط العرض</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Longitude</source>
            <translation>خط الطول</translation>
        </message>
        <message>
            <location line="+15" />
            <source>Latitude:</source>
            <translation>خط العرض:</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Longitude:</source>
            <translation>خط الطول:</translation>
        </message>
    </context>
    <context>
        <name>fv::desktop::ProvenanceDialog</name>
        <message>
            <location filename="../handoff/ProvenanceDialog.cpp" line="+18" />
            <source>Received testimonies and their provenance</source>
            <translation>الشهادات المستلمة ومصدرها</translation>
        </message>
        <message>
            <location line="+7" />
            <source>Title</source>
            <translation>العنوان</translation>
        </message>
        <message>
            <location line="+0" />
            <source>Testimony</source>
            <translation>الشهادة</translation>
        </message>
        <message>
            <location line="+0" />
            <source>Version</source>
            <translation>النسخة</translation>
        </message>
        <message>
            <location line="+0" />
            <source>Sender</source>
            <translation>المرسل</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Fingerprint</source>
            <translation>البصمة</translation>
        </message>
        <message>
            <location line="+0" />
            <source>Bundle</source>
            <translation>الحزمة</translation>
        </message>
        <message>
            <location line="+0" />
            <source>Verification</source>
            <translation>التحقق</translation>
        </message>
        <message>
            <location line="+0" />
            <source>Received</source>
            <translation>تاريخ الاستلام</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Identifying fields</source>
            <translation>حقول الهوية</translation>
        </message>
        <message>
            <location line="+19" />
            <source>Reading the received testimonies</source>
            <translation>قراءة الشهادات المستلمة</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Nothing has been imported yet.</source>
            <translation>لم يُستورد شيء بعد.</translation>
        </message>
        <message numerus="yes">
            <location line="+1" />
            <source>%n version(s) received.</source>
            <translation>
                <numerusform>لم تُستلم أي نسخة.</numerusform>
                <numerusform>استُلمت نسخة واحدة.</numerusform>
                <numerusform>استُلمت نسختان.</numerusform>
                <numerusform>استُلمت %n نسخ.</numerusform>
                <numerusform>استُلمت %n نسخة.</numerusform>
                <numerusform>استُلمت %n نسخة.</numerusform>
            </translation>
        </message>
        <message>
            <location line="+11" />
            <source>(untitled)</source>
            <translation>(بلا عنوان)</translation>
        </message>
        <message>
            <location line="+7" />
            <source>Verified</source>
            <translation>تم التحقق</translation>
        </message>
        <message>
            <location line="+1" />
            <source>QUARANTINED: sender not enrolled</source>
            <translation>في الحجر: المرسل غير مسجّل</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Not verified</source>
            <translation>لم يُتحقق منها</translation>
        </message>
        <message>
            <location line="+6" />
            <source>Left out by the delegate</source>
            <translation>استبعدها المندوب</translation>
        </message>
        <message>
            <location line="+0" />
            <source>Included</source>
            <translation>مضمّنة</translation>
        </message>
    </context>
    <context>
        <name>fv::desktop::ReceiptsDialog</name>
        <message>
            <location filename="../handoff/ReceiptDialogs.cpp" line="-342" />
            <source>Receipts from HQ</source>
            <translation>الإيصالات من المقر</translation>
        </message>
        <message>
            <location line="+2" />
            <source>A receipt from HQ says what HQ received and verified. Apply it, then purge what HQ holds from this device.</source>
            <translation>يبيّن إيصال المقر ما استلمه المقر وتحقق منه. طبّقه، ثم احذف من هذا الجهاز ما أصبح في حوزة المقر.</translation>
        </message>
        <message>
            <location line="+6" />
            <source>&amp;Choose receipt…</source>
            <translation>&amp;اختيار الإيصال…</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Receipt file from HQ</source>
            <translation>ملف الإيصال من المقر</translation>
        </message>
        <message>
            <location line="+4" />
            <source>&amp;Apply receipt</source>
            <translation>&amp;تطبيق الإيصال</translation>
        </message>
        <message>
            <location line="+6" />
            <source>What HQ holds:</source>
            <translation>ما يحفظه المقر:</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Testimony</source>
            <translation>الشهادة</translation>
        </message>
        <message>
            <location line="+0" />
            <source>Versions</source>
            <translation>النسخ</translation>
        </message>
        <message>
            <location line="+0" />
            <source>Attachments</source>
            <translation>المرفقات</translation>
        </message>
        <message>
            <location line="+0" />
            <source>Bundle</source>
            <translation>الحزمة</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Acknowledged</source>
            <translation>أكّد المقر استلامه</translation>
        </message>
        <message>
            <location line="+0" />
            <source>On this device</source>
            <translation>على هذا الجهاز</translation>
        </message>
        <message>
            <location line="+8" />
            <source>&amp;Purge delivered material…</source>
            <translation>&amp;حذف المواد المسلَّمة…</translation>
        </message>
        <message>
            <location line="+34" />
            <source>Reading what HQ holds</source>
            <translation>قراءة ما يحفظه المقر</translation>
        </message>
        <message>
            <location line="+8" />
            <source>(purged: only a custody stub is kept)</source>
            <translation>(حُذفت: لم يبقَ إلا سجل العهدة)</translation>
        </message>
        <message>
            <location line="+1" />
            <location line="+20" />
            <location line="+3" />
            <source>(untitled)</source>
            <translation>(بلا عنوان)</translation>
        </message>
        <message>
            <location line="-9" />
            <source>Purged</source>
            <translation>محذوفة</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Kept: HQ has it without the witness's identity</source>
            <translation>محفوظة: وصلت المقر دون هوية الشاهد</translation>
        </message>
        <message>
            <location line="+1" />
            <source>All delivered: can be purged</source>
            <translation>سُلّمت كلها: يمكن حذفها</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Kept: changed since, or not all delivered</source>
            <translation>محتفظ بها: عُدّلت بعد ذلك أو لم تُسلَّم كلها</translation>
        </message>
        <message>
            <location line="+30" />
            <source>Choose the receipt file HQ sent.</source>
            <translation>اختر ملف الإيصال الذي أرسله المقر.</translation>
        </message>
        <message>
            <location line="+5" />
            <source>Applying the receipt</source>
            <translation>تطبيق الإيصال</translation>
        </message>
        <message>
            <location line="+5" />
            <source>This receipt for bundle %1 was applied before; nothing changed.</source>
            <translation>طُبّق إيصال الحزمة %1 هذا من قبل؛ لم يتغير شيء.</translation>
        </message>
        <message>
            <location line="+1" />
            <source>HQ acknowledged bundle %1: %2 versions and %3 attachments are now delivered.</source>
            <translation>أكّد المقر استلام الحزمة %1: أصبحت %2 من النسخ و%3 من المرفقات مسلَّمة.</translation>
        </message>
        <message numerus="yes">
            <location line="+25" />
            <source>These %n testimonies, with all their versions, attachments, history and custody log, will be removed from this device for good:%1

HQ has acknowledged every part of them. A custody stub (the ids, the hashes and when HQ acknowledged them) is kept, so you can show later what was handed over. Testimonies changed after the last receipt are kept.</source>
            <translation>
                <numerusform>لا شهادات ستُحذف من هذا الجهاز:%1

أكّد المقر استلام كل أجزائها. يُحتفظ بسجل عهدة (المعرّفات والبصمات الرقمية وتاريخ تأكيد المقر) لتتمكن لاحقًا من إثبات ما سُلّم. الشهادات المعدّلة بعد آخر إيصال يُحتفظ بها.</numerusform>
                <numerusform>ستُحذف هذه الشهادة، بكل نسخها ومرفقاتها وسجلها وسجل عهدتها، من هذا الجهاز نهائيًا:%1

أكّد المقر استلام كل أجزائها. يُحتفظ بسجل عهدة (المعرّفات والبصمات الرقمية وتاريخ تأكيد المقر) لتتمكن لاحقًا من إثبات ما سُلّم. الشهادات المعدّلة بعد آخر إيصال يُحتفظ بها.</numerusform>
                <numerusform>ستُحذف هاتان الشهادتان، بكل نسخهما ومرفقاتهما وسجلهما وسجل عهدتهما، من هذا الجهاز نهائيًا:%1

أكّد المقر استلام كل أجزائهما. يُحتفظ بسجل عهدة (المعرّفات والبصمات الرقمية وتاريخ تأكيد المقر) لتتمكن لاحقًا من إثبات ما سُلّم. الشهادات المعدّلة بعد آخر إيصال يُحتفظ بها.</numerusform>
                <numerusform>ستُحذف هذه الشهادات الـ%n، بكل نسخها ومرفقاتها وسجلها وسجل عهدتها، من هذا الجهاز نهائيًا:%1

أكّد المقر استلام كل أجزائها. يُحتفظ بسجل عهدة (المعرّفات والبصمات الرقمية وتاريخ تأكيد المقر) لتتمكن لاحقًا من إثبات ما سُلّم. الشهادات المعدّلة بعد آخر إيصال يُحتفظ بها.</numerusform>
                <numerusform>ستُحذف هذه الشهادات (%n شهادة)، بكل نسخها ومرفقاتها وسجلها وسجل عهدتها، من هذا الجهاز نهائيًا:%1

أكّد المقر استلام كل أجزائها. يُحتفظ بسجل عهدة (المعرّفات والبصمات الرقمية وتاريخ تأكيد المقر) لتتمكن لاحقًا من إثبات ما سُلّم. الشهادات المعدّلة بعد آخر إيصال يُحتفظ بها.</numerusform>
                <numerusform>ستُحذف هذه الشهادات (%n شهادة)، بكل نسخها ومرفقاتها وسجلها وسجل عهدتها، من هذا الجهاز نهائيًا:%1

أكّد المقر استلام كل أجزائها. يُحتفظ بسجل عهدة (المعرّفات والبصمات الرقمية وتاريخ تأكيد المقر) لتتمكن لاحقًا من إثبات ما سُلّم. الشهادات المعدّلة بعد آخر إيصال يُحتفظ بها.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location line="+9" />
            <source>These %n testimonies are kept: HQ received them without the witness's name, contact, address and interpreter, which exist only on this device:%1

Export them with identifying fields if the witness consented, or destroy those fields with "Purge and destroy identities".</source>
            <translation>
                <numerusform>تبقى هذه الشهادات (%n) على الجهاز: وصلت المقر دون اسم الشاهد ووسيلة الاتصال به وعنوانه واسم المترجم، وهي بيانات لا توجد إلا على هذا الجهاز:%1

صدّرها مع البيانات المعرِّفة إن وافق الشاهد، أو أتلف هذه البيانات بزر «الحذف مع إتلاف الهويات».</numerusform>
                <numerusform>تبقى هذه الشهادة على الجهاز: وصلت المقر دون اسم الشاهد ووسيلة الاتصال به وعنوانه واسم المترجم، وهي بيانات لا توجد إلا على هذا الجهاز:%1

صدّرها مع البيانات المعرِّفة إن وافق الشاهد، أو أتلف هذه البيانات بزر «الحذف مع إتلاف الهويات».</numerusform>
                <numerusform>تبقى هاتان الشهادتان على الجهاز: وصلتا المقر دون اسم الشاهد ووسيلة الاتصال به وعنوانه واسم المترجم، وهي بيانات لا توجد إلا على هذا الجهاز:%1

صدّرهما مع البيانات المعرِّفة إن وافق الشاهد، أو أتلف هذه البيانات بزر «الحذف مع إتلاف الهويات».</numerusform>
                <numerusform>تبقى هذه الشهادات (%n) على الجهاز: وصلت المقر دون اسم الشاهد ووسيلة الاتصال به وعنوانه واسم المترجم، وهي بيانات لا توجد إلا على هذا الجهاز:%1

صدّرها مع البيانات المعرِّفة إن وافق الشاهد، أو أتلف هذه البيانات بزر «الحذف مع إتلاف الهويات».</numerusform>
                <numerusform>تبقى هذه الشهادات (%n) على الجهاز: وصلت المقر دون اسم الشاهد ووسيلة الاتصال به وعنوانه واسم المترجم، وهي بيانات لا توجد إلا على هذا الجهاز:%1

صدّرها مع البيانات المعرِّفة إن وافق الشاهد، أو أتلف هذه البيانات بزر «الحذف مع إتلاف الهويات».</numerusform>
                <numerusform>تبقى هذه الشهادات (%n) على الجهاز: وصلت المقر دون اسم الشاهد ووسيلة الاتصال به وعنوانه واسم المترجم، وهي بيانات لا توجد إلا على هذا الجهاز:%1

صدّرها مع البيانات المعرِّفة إن وافق الشاهد، أو أتلف هذه البيانات بزر «الحذف مع إتلاف الهويات».</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location line="+14" />
            <source>The witness's name, contact, address and interpreter of these %n testimonies were never sent to HQ. Purging them destroys those fields for good, on this device and everywhere:%1

Nobody will be able to contact or identify these witnesses again.</source>
            <translation>
                <numerusform>لم يُرسَل إلى المقر اسم الشاهد ولا وسيلة الاتصال به ولا عنوانه ولا اسم المترجم في هذه الشهادات (%n). حذفها يُتلف هذه البيانات نهائيًا، على هذا الجهاز وفي كل مكان:%1

لن يتمكن أحد بعد ذلك من الاتصال بهؤلاء الشهود أو التعرف عليهم.</numerusform>
                <numerusform>لم يُرسَل إلى المقر اسم الشاهد ولا وسيلة الاتصال به ولا عنوانه ولا اسم المترجم في هذه الشهادة. حذفها يُتلف هذه البيانات نهائيًا، على هذا الجهاز وفي كل مكان:%1

لن يتمكن أحد بعد ذلك من الاتصال بهذا الشاهد أو التعرف عليه.</numerusform>
                <numerusform>لم يُرسَل إلى المقر اسم الشاهد ولا وسيلة الاتصال به ولا عنوانه ولا اسم المترجم في هاتين الشهادتين. حذفهما يُتلف هذه البيانات نهائيًا، على هذا الجهاز وفي كل مكان:%1

لن يتمكن أحد بعد ذلك من الاتصال بهذين الشاهدين أو التعرف عليهما.</numerusform>
                <numerusform>لم يُرسَل إلى المقر اسم الشاهد ولا وسيلة الاتصال به ولا عنوانه ولا اسم المترجم في هذه الشهادات (%n). حذفها يُتلف هذه البيانات نهائيًا، على هذا الجهاز وفي كل مكان:%1

لن يتمكن أحد بعد ذلك من الاتصال بهؤلاء الشهود أو التعرف عليهم.</numerusform>
                <numerusform>لم يُرسَل إلى المقر اسم الشاهد ولا وسيلة الاتصال به ولا عنوانه ولا اسم المترجم في هذه الشهادات (%n). حذفها يُتلف هذه البيانات نهائيًا، على هذا الجهاز وفي كل مكان:%1

لن يتمكن أحد بعد ذلك من الاتصال بهؤلاء الشهود أو التعرف عليهم.</numerusform>
                <numerusform>لم يُرسَل إلى المقر اسم الشاهد ولا وسيلة الاتصال به ولا عنوانه ولا اسم المترجم في هذه الشهادات (%n). حذفها يُتلف هذه البيانات نهائيًا، على هذا الجهاز وفي كل مكان:%1

لن يتمكن أحد بعد ذلك من الاتصال بهؤلاء الشهود أو التعرف عليهم.</numerusform>
            </translation>
        </message>
        <message>
            <location line="+13" />
            <source>Purge delivered material</source>
            <translation>حذف المواد المسلَّمة</translation>
        </message>
        <message>
            <location line="+3" />
            <source>&amp;Purge</source>
            <translation>&amp;حذف</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Purge and &amp;destroy identities…</source>
            <translation>&amp;الحذف مع إتلاف الهويات…</translation>
        </message>
        <message>
            <location line="+11" />
            <source>Destroy the witnesses' identities</source>
            <translation>إتلاف هويات الشهود</translation>
        </message>
        <message>
            <location line="+2" />
            <source>&amp;Destroy and purge</source>
            <translation>&amp;إتلاف وحذف</translation>
        </message>
        <message>
            <location line="+16" />
            <source>Purging</source>
            <translation>جارٍ الحذف</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Purged %1 testimonies (%2 versions, %3 attachments); %4 kept because something of theirs is not delivered yet.</source>
            <translation>حُذفت %1 من الشهادات (النسخ: %2، المرفقات: %3)؛ واحتُفظ بـ%4 لأن جزءًا منها لم يُسلَّم بعد.</translation>
        </message>
        <message numerus="yes">
            <location line="+5" />
            <source>%n kept for the witness's identity, which HQ never received.</source>
            <translation>
                <numerusform>لم تبقَ أي شهادة لهذا السبب.</numerusform>
                <numerusform>بقيت شهادة واحدة لأن هوية الشاهد لم تصل إلى المقر.</numerusform>
                <numerusform>بقيت شهادتان لأن هوية الشاهدين لم تصل إلى المقر.</numerusform>
                <numerusform>بقيت %n شهادات لأن هويات الشهود لم تصل إلى المقر.</numerusform>
                <numerusform>بقيت %n شهادة لأن هويات الشهود لم تصل إلى المقر.</numerusform>
                <numerusform>بقيت %n شهادة لأن هويات الشهود لم تصل إلى المقر.</numerusform>
            </translation>
        </message>
        <message>
            <location line="+116" />
            <source>The vault is locked.</source>
            <translation>الخزنة مقفلة.</translation>
        </message>
        <message>
            <location line="+4" />
            <source>Writing the report</source>
            <translation>كتابة التقرير</translation>
        </message>
        <message>
            <location line="+9" />
            <source>CSV for spreadsheets (*.csv)</source>
            <translation>CSV لجداول البيانات (*.csv)</translation>
        </message>
        <message>
            <location line="+2" />
            <source>JSON for analysis tools (*.json)</source>
            <translation>JSON لأدوات التحليل (*.json)</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Save the HQ report (plaintext)</source>
            <translation>حفظ تقرير المقر (نص غير مشفّر)</translation>
        </message>
        <message>
            <location line="+9" />
            <location line="+4" />
            <source>Report</source>
            <translation>التقرير</translation>
        </message>
        <message numerus="yes">
            <location line="+1" />
            <source>%n row(s) written. The report is plaintext: keep it on an encrypted disk and delete it when the analysis tool has it.</source>
            <translation>
                <numerusform>لم يُكتب أي صف. التقرير نص غير مشفّر: احفظه على قرص مشفّر واحذفه بعد أن تستلمه أداة التحليل.</numerusform>
                <numerusform>كُتب صف واحد. التقرير نص غير مشفّر: احفظه على قرص مشفّر واحذفه بعد أن تستلمه أداة التحليل.</numerusform>
                <numerusform>كُتب صفّان. التقرير نص غير مشفّر: احفظه على قرص مشفّر واحذفه بعد أن تستلمه أداة التحليل.</numerusform>
                <numerusform>كُتبت %n صفوف. التقرير نص غير مشفّر: احفظه على قرص مشفّر واحذفه بعد أن تستلمه أداة التحليل.</numerusform>
                <numerusform>كُتب %n صفًا. التقرير نص غير مشفّر: احفظه على قرص مشفّر واحذفه بعد أن تستلمه أداة التحليل.</numerusform>
                <numerusform>كُتب %n صف. التقرير نص غير مشفّر: احفظه على قرص مشفّر واحذفه بعد أن تستلمه أداة التحليل.</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>fv::desktop::SecretField</name>
        <message>
            <location filename="../widgets/SecretField.cpp" line="+33" />
            <source>Passphrase</source>
            <translation>عبارة المرور</translation>
        </message>
    </context>
    <context>
        <name>fv::desktop::SettingsDialog</name>
        <message>
            <location filename="../settings/SettingsDialog.cpp" line="+41" />
            <source>HQ</source>
            <translation>المقر</translation>
        </message>
        <message>
            <location line="+0" />
            <source>Field</source>
            <translation>ميداني</translation>
        </message>
        <message>
            <location line="+9" />
            <source>Settings</source>
            <translation>الإعدادات</translation>
        </message>
        <message>
            <location line="+3" />
            <source>&amp;General</source>
            <translation>&amp;عام</translation>
        </message>
        <message>
            <location line="+1" />
            <source>&amp;Passphrase</source>
            <translation>&amp;عبارة المرور</translation>
        </message>
        <message>
            <location line="+1" />
            <source>&amp;My card</source>
            <translation>&amp;بطاقتي</translation>
        </message>
        <message>
            <location line="+1" />
            <source>&amp;Enrolled cards</source>
            <translation>البطاقات ال&amp;مسجّلة</translation>
        </message>
        <message>
            <location line="+1" />
            <source>E&amp;rase</source>
            <translation>&amp;المحو</translation>
        </message>
        <message>
            <location line="+21" />
            <source>Same as the system</source>
            <translation>مثل النظام</translation>
        </message>
        <message>
            <location line="+4" />
            <source>&amp;Language:</source>
            <translation>ال&amp;لغة:</translation>
        </message>
        <message>
            <location line="+5" />
            <source> min</source>
            <translation> دقيقة</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Never</source>
            <translation>أبدًا</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Lock when &amp;idle after:</source>
            <translation>القفل عند ال&amp;خمول بعد:</translation>
        </message>
        <message>
            <location line="+5" />
            <source> s</source>
            <translation> ثانية</translation>
        </message>
        <message>
            <location line="+2" />
            <source>&amp;Clear copied text after:</source>
            <translation>&amp;مسح النص المنسوخ بعد:</translation>
        </message>
        <message>
            <location line="+4" />
            <source>A new language is used the next time Fieldvault starts.</source>
            <translation>تُستخدم اللغة الجديدة عند تشغيل Fieldvault في المرة القادمة.</translation>
        </message>
        <message>
            <location line="+1" />
            <source>The settings file holds only these choices: no vault location, no names, nothing about your work.</source>
            <translation>لا يحفظ ملف الإعدادات إلا هذه الخيارات: لا موقع للخزنة، ولا أسماء، ولا شيء عن عملك.</translation>
        </message>
        <message>
            <location line="+14" />
            <source>&amp;New passphrase:</source>
            <translation>عبارة المرور ال&amp;جديدة:</translation>
        </message>
        <message>
            <location line="+1" />
            <source>&amp;Repeat it:</source>
            <translation>&amp;أعد كتابتها:</translation>
        </message>
        <message>
            <location line="+6" />
            <source>C&amp;hange passphrase</source>
            <translation>&amp;تغيير عبارة المرور</translation>
        </message>
        <message>
            <location line="+15" />
            <source>The vault is open, so you do not need the old passphrase. Choose a new one, type it twice, and remember it: the old one stops working at once.</source>
            <translation>الخزنة مفتوحة، فلا حاجة إلى عبارة المرور القديمة. اختر عبارة جديدة واكتبها مرتين واحفظها في ذاكرتك: تتوقف القديمة عن العمل فورًا.</translation>
        </message>
        <message>
            <location line="+6" />
            <source>&lt;b&gt;Recovery key.&lt;/b&gt; Fieldvault showed your recovery key once, when the vault was created, and does not keep a copy of it anywhere: a copy on this computer would open the vault for anyone who takes it. So it cannot be shown again. The paper copy you made still works after a passphrase change. If it is lost, your passphrase is the only way in: keep it safe.</source>
            <translation>&lt;b&gt;مفتاح الاسترداد.&lt;/b&gt; عرض Fieldvault مفتاح الاسترداد مرة واحدة عند إنشاء الخزنة، ولا يحتفظ بنسخة منه في أي مكان: فنسخة على هذا الحاسوب ستفتح الخزنة لكل من يستولي عليه. لذلك لا يمكن عرضه مرة أخرى. النسخة الورقية التي كتبتها تبقى صالحة بعد تغيير عبارة المرور. وإن ضاعت، فعبارة المرور هي طريقك الوحيد للدخول: احفظها جيدًا.</translation>
        </message>
        <message>
            <location line="+17" />
            <source>The vault is locked.</source>
            <translation>الخزنة مقفلة.</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Give this card to the other side (HQ or a delegate). Before they trust it, read the fingerprint to each other, by phone or in person.</source>
            <translation>أعطِ هذه البطاقة للطرف الآخر (المقر أو مندوب). قبل أن يثق بها، اقرآ البصمة أحدكما للآخر، بالهاتف أو وجهًا لوجه.</translation>
        </message>
        <message>
            <location line="+11" />
            <source>Cards you trust. Bundles are encrypted to them, and bundles signed by them are verified. Remove a card only if it was lost or replaced.</source>
            <translation>البطاقات التي تثق بها. تُشفَّر الحزم لها، وتُعتبر الحزم الموقّعة بها موثّقة. لا تحذف بطاقة إلا إذا فُقدت أو استُبدلت.</translation>
        </message>
        <message>
            <location line="+5" />
            <source>&amp;Remove card…</source>
            <translation>&amp;حذف البطاقة…</translation>
        </message>
        <message>
            <location line="+15" />
            <source>In an emergency you can erase this vault from this computer: every testimony, attachment and card in it is destroyed, and no passphrase or recovery key can open it again. Fieldvault then starts as on the first day.</source>
            <translation>في حالة الطوارئ يمكنك محو هذه الخزنة من هذا الحاسوب: تُدمَّر كل شهادة ومرفق وبطاقة فيها، ولا تعود أي عبارة مرور أو مفتاح استرداد قادرة على فتحها. بعدها يبدأ Fieldvault كما في اليوم الأول.</translation>
        </message>
        <message>
            <location line="+4" />
            <source>Erase this &amp;vault…</source>
            <translation>&amp;محو هذه الخزنة…</translation>
        </message>
        <message>
            <location line="+29" />
            <source>Reading the enrolled cards</source>
            <translation>قراءة البطاقات المسجّلة</translation>
        </message>
        <message>
            <location line="+7" />
            <source>%1 (%2) — %3, enrolled %4</source>
            <translation>%1 (%2) — %3، سُجّلت في %4</translation>
        </message>
        <message>
            <location line="+7" />
            <source>No card enrolled yet.</source>
            <translation>لا توجد بطاقة مسجّلة بعد.</translation>
        </message>
        <message>
            <location line="+13" />
            <location line="+11" />
            <source>Remove card</source>
            <translation>حذف البطاقة</translation>
        </message>
        <message>
            <location line="-10" />
            <source>Remove this card?

%1

Bundles can no longer be sent to it, and bundles signed by it will not be verified. You can enrol it again later from its card file.</source>
            <translation>هل تريد حذف هذه البطاقة؟

%1

لن يعود ممكنًا إرسال حزم إليها، ولن يُتحقق من الحزم الموقّعة بها. يمكنك تسجيلها مجددًا لاحقًا من ملف البطاقة.</translation>
        </message>
        <message>
            <location line="+6" />
            <source>Remove</source>
            <translation>حذف</translation>
        </message>
        <message>
            <location line="+4" />
            <source>Removing the card</source>
            <translation>حذف البطاقة</translation>
        </message>
        <message>
            <location line="+20" />
            <source>%1. %2</source>
            <translation>%1. %2</translation>
        </message>
        <message>
            <location line="+18" />
            <source>The two passphrases are not the same. Type them again.</source>
            <translation>العبارتان غير متطابقتين. اكتبهما مرة أخرى.</translation>
        </message>
        <message>
            <location line="+6" />
            <source>This passphrase is too easy to guess. Use several words.</source>
            <translation>هذه العبارة سهلة التخمين. استخدم عدة كلمات.</translation>
        </message>
        <message>
            <location line="+5" />
            <source>Changing the passphrase… this takes a few seconds.</source>
            <translation>جارٍ تغيير عبارة المرور… يستغرق ذلك بضع ثوانٍ.</translation>
        </message>
        <message>
            <location line="+12" />
            <source>The passphrase is changed. Use the new one from now on.</source>
            <translation>تغيّرت عبارة المرور. استخدم الجديدة من الآن فصاعدًا.</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Changing the passphrase</source>
            <translation>تغيير عبارة المرور</translation>
        </message>
        <message>
            <location line="+8" />
            <source>Another operation is still running in this vault. Change the passphrase when it has ended.</source>
            <translation>ما زالت عملية أخرى جارية في هذه الخزنة. غيّر عبارة المرور عند انتهائها.</translation>
        </message>
    </context>
    <context>
        <name>fv::desktop::TestimonyBrowser</name>
        <message>
            <location filename="../browse/TestimonyBrowser.cpp" line="+33" />
            <source>Search (Arabic or English)…</source>
            <translation>ابحث (بالعربية أو الإنجليزية)…</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Search testimonies</source>
            <translation>البحث في الشهادات</translation>
        </message>
        <message>
            <location line="+4" />
            <source>Type of act</source>
            <translation>نوع الفعل</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Any type of act</source>
            <translation>أي نوع من الأفعال</translation>
        </message>
        <message>
            <location line="+12" />
            <location line="+1" />
            <source>Place</source>
            <translation>المكان</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Between</source>
            <translation>بين</translation>
        </message>
        <message>
            <location line="+11" />
            <source>From date</source>
            <translation>من تاريخ</translation>
        </message>
        <message>
            <location line="+1" />
            <source>To date</source>
            <translation>إلى تاريخ</translation>
        </message>
        <message>
            <location line="+4" />
            <source>Status</source>
            <translation>الحالة</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Any status</source>
            <translation>أي حالة</translation>
        </message>
        <message>
            <location line="+19" />
            <source>Testimonies</source>
            <translation>الشهادات</translation>
        </message>
        <message>
            <location line="+13" />
            <source>and</source>
            <translation>و</translation>
        </message>
    </context>
    <context>
        <name>fv::desktop::TestimonyEditor</name>
        <message>
            <location filename="../editor/TestimonyEditor.cpp" line="+56" />
            <source>&amp;Interview</source>
            <translation>ال&amp;مقابلة</translation>
        </message>
        <message>
            <location line="+0" />
            <source>&amp;Witness and consent</source>
            <translation>ال&amp;شاهد والموافقة</translation>
        </message>
        <message>
            <location line="+0" />
            <source>In&amp;cidents</source>
            <translation>ال&amp;حوادث</translation>
        </message>
        <message>
            <location line="+5" />
            <source>&amp;Attachments</source>
            <translation>الم&amp;رفقات</translation>
        </message>
        <message>
            <location line="+2" />
            <source>&amp;History</source>
            <translation>ال&amp;سجل</translation>
        </message>
        <message>
            <location line="+39" />
            <source>Opening the testimony</source>
            <translation>فتح الشهادة</translation>
        </message>
        <message>
            <location line="+44" />
            <source>a field cannot be saved as it is; see the message under it.</source>
            <translation>لا يمكن حفظ أحد الحقول كما هو؛ انظر الرسالة تحته.</translation>
        </message>
        <message>
            <location line="+71" />
            <source>Changing the status</source>
            <translation>تغيير الحالة</translation>
        </message>
        <message>
            <location line="+52" />
            <source>&amp;Interview (check the marked fields)</source>
            <translation>ال&amp;مقابلة (راجع الحقول المعلَّمة)</translation>
        </message>
        <message>
            <location line="+1" />
            <source>&amp;Witness and consent (check the marked fields)</source>
            <translation>ال&amp;شاهد والموافقة (راجع الحقول المعلَّمة)</translation>
        </message>
        <message>
            <location line="+1" />
            <source>In&amp;cidents (check the marked fields)</source>
            <translation>ال&amp;حوادث (راجع الحقول المعلَّمة)</translation>
        </message>
        <message>
            <location line="+12" />
            <source>A title is required. The testimony is saved as “%1” until you type one.</source>
            <translation>العنوان مطلوب. تُحفظ الشهادة باسم «%1» إلى أن تكتب عنوانًا.</translation>
        </message>
        <message>
            <location line="+3" />
            <source>A pseudonym is required: the witness is always recorded under one. The testimony is saved with the pseudonym “%1” until you type one.</source>
            <translation>الاسم المستعار مطلوب: يُسجَّل الشاهد دائمًا باسم مستعار. تُحفظ الشهادة بالاسم المستعار «%1» إلى أن تكتب واحدًا.</translation>
        </message>
        <message>
            <location line="+4" />
            <source>This text is too long to be saved whole: only its beginning is saved. Shorten it, or move part of it to another field.</source>
            <translation>هذا النص أطول من أن يُحفظ كاملًا: لا يُحفظ إلا أوله. اختصره أو انقل جزءًا منه إلى حقل آخر.</translation>
        </message>
        <message>
            <location line="+4" />
            <source>Use language codes such as ar, en or ar-SY, separated by commas. A code that is not valid is not saved.</source>
            <translation>استخدم رموز لغات مثل ar أو en أو ar-SY مفصولة بفواصل. الرمز غير الصالح لا يُحفظ.</translation>
        </message>
        <message>
            <location line="+4" />
            <source>This date cannot be saved; the testimony keeps the date %1.</source>
            <translation>لا يمكن حفظ هذا التاريخ؛ تحتفظ الشهادة بالتاريخ %1.</translation>
        </message>
        <message>
            <location line="+2" />
            <source>A tag that cannot be saved is left out: %1.</source>
            <translation>استُبعد وسم لا يمكن حفظه: %1.</translation>
        </message>
        <message>
            <location line="+1" />
            <source>This value cannot be saved as it is (%1); the last value that could be saved is kept.</source>
            <translation>لا يمكن حفظ هذه القيمة كما هي (%1)؛ يُحتفظ بآخر قيمة أمكن حفظها.</translation>
        </message>
        <message>
            <location line="+15" />
            <source>Select a testimony, or create one with Ctrl+N.</source>
            <translation>اختر شهادة، أو أنشئ واحدة بالضغط على Ctrl+N.</translation>
        </message>
        <message>
            <location line="+4" />
            <source>New testimony: saved as soon as you type</source>
            <translation>شهادة جديدة: تُحفظ فور الكتابة</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Saved. Some fields could not be saved as typed: see the messages under them.</source>
            <translation>حُفظت. تعذّر حفظ بعض الحقول كما كُتبت: انظر الرسائل تحتها.</translation>
        </message>
        <message>
            <location line="+3" />
            <source>All changes saved</source>
            <translation>حُفظت كل التغييرات</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Saving as soon as the running operation ends…</source>
            <translation>سيُحفظ فور انتهاء العملية الجارية…</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Saving…</source>
            <translation>جارٍ الحفظ…</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Not saved: %1</source>
            <translation>لم يُحفظ: %1</translation>
        </message>
    </context>
    <context>
        <name>fv::desktop::TestimonyListModel</name>
        <message>
            <location filename="../browse/TestimonyListModel.cpp" line="+14" />
            <source>Draft</source>
            <translation>مسودة</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Complete</source>
            <translation>مكتملة</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Exported</source>
            <translation>مُصدَّرة</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Delivered to HQ</source>
            <translation>سُلِّمت إلى المقر</translation>
        </message>
        <message>
            <location line="+151" />
            <source>(untitled)</source>
            <translation>(بلا عنوان)</translation>
        </message>
        <message>
            <location line="+27" />
            <source>Title</source>
            <translation>العنوان</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Interview date</source>
            <translation>تاريخ المقابلة</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Status</source>
            <translation>الحالة</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Last change</source>
            <translation>آخر تعديل</translation>
        </message>
    </context>
    <context>
        <name>fv::desktop::UnlockScreen</name>
        <message>
            <location filename="../unlock/UnlockScreen.cpp" line="+17" />
            <source>Fieldvault is locked</source>
            <translation>Fieldvault مقفل</translation>
        </message>
        <message>
            <location line="+11" />
            <source>&amp;Open</source>
            <translation>&amp;فتح</translation>
        </message>
        <message>
            <location line="+15" />
            <source>Create a new vault…</source>
            <translation>إنشاء خزنة جديدة…</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Open a vault in another folder…</source>
            <translation>فتح خزنة في مجلد آخر…</translation>
        </message>
        <message>
            <location line="+39" />
            <source>Vault: %1</source>
            <translation>الخزنة: %1</translation>
        </message>
        <message>
            <location line="+6" />
            <source>&amp;Recovery key (the one you wrote down when the vault was created):</source>
            <translation>&amp;مفتاح الاسترداد (الذي كتبته عند إنشاء الخزنة):</translation>
        </message>
        <message>
            <location line="+1" />
            <source>&amp;Passphrase:</source>
            <translation>&amp;عبارة المرور:</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Recovery key</source>
            <translation>مفتاح الاسترداد</translation>
        </message>
        <message>
            <location line="+0" />
            <source>Passphrase</source>
            <translation>عبارة المرور</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Use the passphrase instead</source>
            <translation>استخدم عبارة المرور بدلًا منه</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Forgot the passphrase? Use the recovery key</source>
            <translation>نسيت عبارة المرور؟ استخدم مفتاح الاسترداد</translation>
        </message>
        <message>
            <location line="+38" />
            <source>Type the recovery key.</source>
            <translation>اكتب مفتاح الاسترداد.</translation>
        </message>
        <message>
            <location line="+0" />
            <source>Type your passphrase.</source>
            <translation>اكتب عبارة المرور.</translation>
        </message>
        <message>
            <location line="+4" />
            <source>Opening… (this takes a moment on purpose: it makes guessing slow)</source>
            <translation>جارٍ الفتح… (يستغرق ذلك لحظة عن قصد: فهذا يبطّئ محاولات التخمين)</translation>
        </message>
        <message>
            <location line="+8" />
            <source>There is no vault in this folder.</source>
            <translation>لا توجد خزنة في هذا المجلد.</translation>
        </message>
        <message>
            <location line="+2" />
            <source>That recovery key does not open this vault.</source>
            <translation>مفتاح الاسترداد هذا لا يفتح هذه الخزنة.</translation>
        </message>
    </context>
    <context>
        <name>fv::desktop::WitnessPage</name>
        <message>
            <location filename="../editor/WitnessPage.cpp" line="+41" />
            <source>Witness</source>
            <translation>الشاهد</translation>
        </message>
        <message>
            <location line="+9" />
            <source>Required: how the testimony refers to the witness</source>
            <translation>مطلوب: الاسم الذي تشير به الشهادة إلى الشاهد</translation>
        </message>
        <message>
            <location line="+1" />
            <source>&amp;Pseudonym:</source>
            <translation>الاسم ال&amp;مستعار:</translation>
        </message>
        <message>
            <location line="+4" />
            <source>Sensitive — never exported unless chosen</source>
            <translation>حسّاس — لا يُصدَّر أبدًا إلا إذا اخترت ذلك</translation>
        </message>
        <message>
            <location line="+11" />
            <source>These fields identify the witness. They stay on this computer; an export leaves them out unless you choose to include them.</source>
            <translation>هذه الحقول تكشف هوية الشاهد. تبقى على هذا الحاسوب؛ ولا يتضمنها التصدير إلا إذا اخترت ذلك.</translation>
        </message>
        <message>
            <location line="+8" />
            <source>Real &amp;name:</source>
            <translation>الاسم ال&amp;حقيقي:</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Con&amp;tact:</source>
            <translation>وسيلة الا&amp;تصال:</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Add&amp;ress:</source>
            <translation>ال&amp;عنوان:</translation>
        </message>
        <message>
            <location line="+22" />
            <source>Ag&amp;e range:</source>
            <translation>الفئة ال&amp;عمرية:</translation>
        </message>
        <message>
            <location line="+8" />
            <source>The witness gave con&amp;sent</source>
            <translation>أعطى الشاهد م&amp;وافقته</translation>
        </message>
        <message>
            <location line="+10" />
            <source>&amp;Method:</source>
            <translation>ال&amp;طريقة:</translation>
        </message>
        <message>
            <location line="+7" />
            <source>Ma&amp;y be contacted again</source>
            <translation>يجوز التواصل معه م&amp;جددًا</translation>
        </message>
        <message>
            <location line="-40" />
            <location line="+6" />
            <location line="+21" />
            <source>Not recorded</source>
            <translation>غير مسجَّل</translation>
        </message>
        <message>
            <location line="-24" />
            <source>Unknown</source>
            <translation>غير معروف</translation>
        </message>
        <message>
            <location line="+10" />
            <source>For example: brother of the first victim</source>
            <translation>مثلًا: شقيق الضحية الأولى</translation>
        </message>
        <message>
            <location line="+1" />
            <source>&amp;Gender:</source>
            <translation>ال&amp;جنس:</translation>
        </message>
        <message>
            <location line="+2" />
            <source>R&amp;ole:</source>
            <translation>ال&amp;دور:</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Relation to the &amp;victims:</source>
            <translation>ال&amp;صلة بالضحايا:</translation>
        </message>
        <message>
            <location line="+4" />
            <source>Consent</source>
            <translation>الموافقة</translation>
        </message>
        <message>
            <location line="+7" />
            <source>Written</source>
            <translation>مكتوبة</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Spoken, in the recording</source>
            <translation>شفهية، في التسجيل</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Spoken, noted by the interviewer</source>
            <translation>شفهية، دوّنها مجري المقابلة</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Other</source>
            <translation>آخر</translation>
        </message>
        <message>
            <location line="+6" />
            <source>May be &amp;quoted anonymously</source>
            <translation>يجوز ا&amp;قتباسها دون ذكر الاسم</translation>
        </message>
        <message>
            <location line="+1" />
            <source>May be shared with the &amp;United Nations</source>
            <translation>يجوز مشاركتها مع الأمم الم&amp;تحدة</translation>
        </message>
        <message>
            <location line="+1" />
            <source>May be used in &amp;legal proceedings</source>
            <translation>يجوز استخدامها في الإجراءات ال&amp;قانونية</translation>
        </message>
        <message>
            <location line="+4" />
            <source>The witness agreed that the testimony:</source>
            <translation>وافق الشاهد على أن الشهادة:</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Consent &amp;date known:</source>
            <translation>&amp;تاريخ الموافقة معروف:</translation>
        </message>
        <message>
            <location line="+5" />
            <source>Consent date</source>
            <translation>تاريخ الموافقة</translation>
        </message>
    </context>
    <context>
        <name>main</name>
        <message>
            <location filename="../main.cpp" line="+22" />
            <source>The cryptography library could not start. Fieldvault cannot run safely on this system.</source>
            <translation>تعذّر تشغيل مكتبة التشفير. لا يمكن تشغيل Fieldvault بأمان على هذا النظام.</translation>
        </message>
        <message>
            <location line="+7" />
            <source>Encrypted testimony collector</source>
            <translation>أداة مشفّرة لجمع الشهادات</translation>
        </message>
        <message>
            <location line="+4" />
            <source>The vault folder (default: %1)</source>
            <translation>مجلد الخزنة (الافتراضي: %1)</translation>
        </message>
    </context>
    <context>
        <name>QGuiApplication</name>
        <message>
            <source>QT_LAYOUT_DIRECTION</source>
            <comment>Translate this string to the string 'LTR' in left-to-right languages or to 'RTL' in right-to-left languages (such as Hebrew and Arabic) to get proper widget layout.</comment>
            <translation>RTL</translation>
        </message>
    </context>
</TS>
