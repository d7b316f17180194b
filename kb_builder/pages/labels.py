"""Interface text of the generated pages, in every site language, and localised dates.

Country names come from babel (see `jurisdictions.py`) and dates from babel; this table holds only
the atlas's own words: headings, notices, markers, topic and audience names.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache


_LABELS: dict[str, dict[str, str]] = {
    "key_facts": {"en": "Key facts", "ru": "Основные факты"},
    "fact": {"en": "Fact", "ru": "Факт"},
    "value": {"en": "Value", "ru": "Значение"},
    "as_of": {"en": "As of", "ru": "По состоянию на"},
    "deadlines": {"en": "Deadlines", "ru": "Сроки"},
    "what": {"en": "What", "ru": "Что"},
    "time_limit": {"en": "Time limit", "ru": "Срок"},
    "legal_basis": {"en": "Legal basis", "ru": "Правовая основа"},
    "sources": {"en": "Sources", "ru": "Источники"},
    "accessed": {"en": "accessed", "ru": "дата обращения"},
    "primary": {"en": "primary source", "ru": "первоисточник"},
    "secondary": {"en": "secondary source", "ru": "вторичный источник"},
    "related": {"en": "Related entries", "ru": "Связанные статьи"},
    "jurisdiction": {"en": "Jurisdiction", "ru": "Юрисдикция"},
    "topic": {"en": "Topic", "ru": "Тема"},
    "audience": {"en": "For", "ru": "Для кого"},
    "last_reviewed": {"en": "Last reviewed", "ru": "Последняя проверка"},
    "review_due": {"en": "Next review due", "ru": "Следующая проверка"},
    "countries": {"en": "Countries and jurisdictions", "ru": "Страны и юрисдикции"},
    "topics": {"en": "Topics", "ru": "Темы"},
    "about": {"en": "About", "ru": "О справочнике"},
    "home": {"en": "Home", "ru": "Главная"},
    # Situation guides, "what applies to me", the directory of organisations and carrying the atlas safely.
    "situations": {"en": "What is happening to you?", "ru": "Что с вами происходит?"},
    "situations_intro": {
        "en": "Choose your situation: each guide says what to do, step by step, and by when.",
        "ru": "Выберите свою ситуацию: в каждом руководстве — что делать, по шагам и в какие сроки.",
    },
    "guides": {"en": "Situations", "ru": "Ситуации"},
    "guides_intro": {
        "en": "Each guide starts from a situation and says what to do, step by step, by when, and where to get help. "
              "Every step links to the entries that give its legal basis and sources.",
        "ru": "Каждое руководство начинается с ситуации и говорит, что делать по шагам, в какие сроки и где получить "
              "помощь. Каждый шаг ведёт к статьям, где указаны его правовая основа и источники.",
    },
    "guide": {"en": "Guide", "ru": "Руководство"},
    "steps": {"en": "What to do", "ru": "Что делать"},
    "questions": {"en": "Questions it answers", "ru": "Отвечает на вопросы"},
    "by_when": {"en": "By when", "ru": "Срок"},
    "based_on": {"en": "Based on", "ru": "Основание"},
    "guide_deadlines": {"en": "Deadlines that run now", "ru": "Какие сроки уже идут"},
    "keep": {"en": "What to keep", "ru": "Что сохранить"},
    "if_nothing": {"en": "If you do nothing", "ru": "Если ничего не делать"},
    "related_guides": {"en": "Related situations", "ru": "Похожие ситуации"},
    "guide_sources": {"en": "Entries and sources this guide rests on", "ru": "Статьи и источники, на которых основано руководство"},
    "guide_notice": {
        "en": "This is legal information, not legal advice. Every step says which entry of the atlas it rests on; "
              "check the entry's sources and, if you can, talk to a lawyer or one of the organisations below. "
              "Last reviewed: {date}.",
        "ru": "Это правовая информация, а не юридическая консультация. У каждого шага указано, на какой статье атласа "
              "он основан; проверьте источники статьи и, если можете, обратитесь к юристу или в одну из организаций "
              "ниже. Последняя проверка: {date}.",
    },
    "guide_notice_short": {
        "en": "Legal information, not legal advice: each step names the entry it rests on.",
        "ru": "Правовая информация, а не юридическая консультация: у каждого шага указано, на чём он основан.",
    },
    "part:key-facts": {"en": "key facts", "ru": "основные факты"},
    "part:table-facts": {"en": "facts for the world table", "ru": "данные для таблицы стран"},
    "part:deadlines": {"en": "deadlines", "ru": "сроки"},
    "part:legal-basis": {"en": "legal basis", "ru": "правовая основа"},
    "part:sources": {"en": "sources", "ru": "источники"},
    "all_situations": {"en": "All situations", "ru": "Все ситуации"},
    "template": {"en": "Template", "ru": "Образец"},
    "templates": {"en": "Applications and complaints", "ru": "Заявления и жалобы"},
    "templates_intro": {
        "en": "Documents to fill in on this page, with no network, and print or copy by hand. Each field says what to "
              "write and what law it rests on; nothing you type is saved or sent.",
        "ru": "Документы, которые можно заполнить прямо на странице без интернета и распечатать или переписать от руки. "
              "У каждого поля сказано, что писать и на чём это основано; ничего из набранного не сохраняется и не "
              "отправляется.",
    },
    "templates_dossier_title": {"en": "Applications and complaints: blank forms", "ru": "Заявления и жалобы: бланки"},
    "print_templates": {"en": "Print every form blank", "ru": "Распечатать все бланки"},
    "no_templates": {"en": "No templates have been written yet.", "ru": "Образцов пока нет."},
    "template_notice_short": {
        "en": "Legal information, not legal advice: check the document against your case before you hand it in.",
        "ru": "Правовая информация, а не юридическая консультация: прежде чем подавать документ, сверьте его со своим делом.",
    },
    "template_notice": {
        "en": "This is a template built from the law as the atlas's entries state it, not legal advice. Adapt it to your "
              "case and, if you can, have a lawyer or one of the organisations in the directory check it. Last "
              "reviewed: {date}.",
        "ru": "Это образец, составленный по нормам, изложенным в статьях атласа, а не юридическая консультация. "
              "Приспособьте его к своему делу и, если можете, покажите юристу или в одной из организаций справочника. "
              "Последняя проверка: {date}.",
    },
    "template_who": {"en": "Who files it", "ru": "Кто подаёт"},
    "template_to": {"en": "To whom", "ru": "Кому"},
    "template_language": {"en": "Written in", "ru": "Язык документа"},
    "template_fill": {"en": "Fill it in", "ru": "Заполните"},
    "template_fill_intro": {
        "en": "Type in the boxes: the document below fills in as you type. Without a script, print the blank document "
              "and fill it in by hand; these are what to write in each blank. Nothing is saved or sent, and closing the "
              "page forgets everything.",
        "ru": "Заполняйте поля — документ ниже заполняется по мере ввода. Без JavaScript распечатайте пустой бланк и "
              "заполните от руки; ниже сказано, что писать в каждом пропуске. Ничего не сохраняется и не отправляется, "
              "после закрытия страницы всё забудется.",
    },
    "template_document": {"en": "The document", "ru": "Документ"},
    "template_attachments": {"en": "What to attach", "ru": "Что приложить"},
    "template_hand_in": {"en": "How to hand it in", "ru": "Как подать"},
    "template_next": {"en": "What happens next", "ru": "Что будет дальше"},
    "template_used_in": {"en": "Used in these situations", "ru": "Где пригодится"},
    "print_document": {"en": "Print the document", "ru": "Распечатать документ"},
    "choose": {"en": "Choose", "ru": "Выберите"},
    "optional": {"en": "optional", "ru": "необязательно"},
    "no_guides": {"en": "No guides have been written yet.", "ru": "Руководств пока нет."},
    "no_organisations": {"en": "No organisations are listed yet.", "ru": "Организаций в справочнике пока нет."},
    "print_guides": {"en": "Print every guide as a checklist", "ru": "Распечатать все руководства как памятки"},
    "guides_dossier_title": {"en": "Situation guides: every checklist", "ru": "Руководства по ситуациям: все памятки"},
    "quiz": {"en": "What applies to me", "ru": "Что относится ко мне"},
    "quiz_intro": {
        "en": "Answer three questions to see the guides that fit your situation and their deadlines. Your answers stay "
              "on this page: nothing is sent or saved, and they are gone when you close it.",
        "ru": "Ответьте на три вопроса, чтобы увидеть подходящие руководства и их сроки. Ответы остаются на этой "
              "странице: ничего не отправляется и не сохраняется, после закрытия страницы их не останется.",
    },
    "quiz_all": {
        "en": "Every situation, with the answers it is for:",
        "ru": "Все ситуации и для каких ответов они подходят:",
    },
    "quiz_where": {"en": "Where are you now?", "ru": "Где вы сейчас?"},
    "quiz_stage": {"en": "What has happened?", "ru": "Что произошло?"},
    "quiz_citizenship": {"en": "Your citizenship", "ru": "Ваше гражданство"},
    "quiz_any": {"en": "Any", "ru": "Любой ответ"},
    "quiz_none": {
        "en": "No guide fits these answers yet. See all situations, or the countries and topics.",
        "ru": "Для этих ответов руководства пока нет. Посмотрите все ситуации или страны и темы.",
    },
    "quiz_reset": {"en": "Start again", "ru": "Начать заново"},
    "place:RU": {"en": "Russia", "ru": "В России"},
    "place:BY": {"en": "Belarus", "ru": "В Беларуси"},
    "place:UA": {"en": "Ukraine", "ru": "В Украине"},
    "place:KZ": {"en": "Kazakhstan", "ru": "В Казахстане"},
    "place:AM": {"en": "Armenia", "ru": "В Армении"},
    "place:GE": {"en": "Georgia", "ru": "В Грузии"},
    "place:RS": {"en": "Serbia", "ru": "В Сербии"},
    "place:TR": {"en": "Türkiye", "ru": "В Турции"},
    "place:EU": {"en": "A country of the EU", "ru": "В стране ЕС"},
    "place:US": {"en": "The United States", "ru": "В США"},
    "place:OTHER": {"en": "Elsewhere", "ru": "В другой стране"},
    "stage:nothing-yet": {"en": "Nothing yet", "ru": "Пока ничего"},
    "stage:summons": {"en": "A summons arrived", "ru": "Пришла повестка"},
    "stage:called-up": {"en": "I was called up", "ru": "Меня призвали"},
    "stage:serving": {"en": "I am mobilised or under contract", "ru": "Я мобилизован или служу по контракту"},
    "stage:left-unit": {"en": "I left my unit", "ru": "Я покинул часть"},
    "stage:abroad": {"en": "I am abroad", "ru": "Я уже за границей"},
    "stage:asylum-claim": {"en": "I am applying for asylum", "ru": "Я прошу убежища"},
    "stage:advising": {"en": "I advise or represent someone", "ru": "Я консультирую или представляю человека"},
    "citizenship:RU": {"en": "Russian", "ru": "Россия"},
    "citizenship:BY": {"en": "Belarusian", "ru": "Беларусь"},
    "citizenship:UA": {"en": "Ukrainian", "ru": "Украина"},
    "citizenship:OTHER": {"en": "Other", "ru": "Другое"},
    "help": {"en": "Where to get help", "ru": "Где получить помощь"},
    "help_intro": {
        "en": "Organisations that help people facing call-up, objectors, deserters and asylum seekers, by country. Each "
              "is listed with the public channels it publishes itself and the date they were checked. Listing is not an "
              "endorsement; contact details change, so check them on the organisation's own site.",
        "ru": "Организации, которые помогают призывникам, отказникам, дезертирам и людям, ищущим убежища, — по странам. "
              "У каждой указаны публичные каналы связи, которые она сама публикует, и дата проверки. Включение в список "
              "не рекомендация; контакты меняются, проверяйте их на сайте организации.",
    },
    "help_in_country": {"en": "Organisations in {name}", "ru": "Организации: {name}"},
    "help_all": {"en": "All organisations, by country", "ru": "Все организации по странам"},
    "helps_with": {"en": "Helps with", "ru": "Чем помогает"},
    "works_in": {"en": "Languages", "ru": "Языки"},
    "contact": {"en": "Contact", "ru": "Связь"},
    "checked": {"en": "Checked", "ru": "Проверено"},
    "channel:website": {"en": "Website", "ru": "Сайт"},
    "channel:email": {"en": "Email", "ru": "Эл. почта"},
    "channel:phone": {"en": "Phone", "ru": "Телефон"},
    "channel:telegram": {"en": "Telegram", "ru": "Telegram"},
    "channel:form": {"en": "Contact form", "ru": "Форма связи"},
    "channel:signal": {"en": "Signal", "ru": "Signal"},
    "channel:whatsapp": {"en": "WhatsApp", "ru": "WhatsApp"},
    "status_note": {"en": "Note", "ru": "Важно"},
    "safety": {"en": "Carrying the atlas safely", "ru": "Как безопасно хранить атлас"},
    "overview": {"en": "Overview", "ru": "Обзор"},
    "site_name": {"en": "Rights Atlas", "ru": "Атлас прав"},
    "site_name_long": {"en": "Conscription & Asylum Rights Atlas", "ru": "Атлас прав: призыв и убежище"},
    "permalink": {"en": "Link to this section", "ru": "Ссылка на этот раздел"},
    "in_short": {"en": "In short", "ru": "Кратко"},
    "what_to_do": {"en": "What to do", "ru": "Что делать"},
    "table_region": {"en": "Table", "ru": "Таблица"},
    "table_scroll": {"en": "Swipe the table sideways to see all of it →", "ru": "Таблицу можно сдвинуть вбок, чтобы увидеть целиком →"},
    "all_sources": {"en": "All sources", "ru": "Все источники"},
    "all_sources_intro": {
        "en": "Every source cited in the atlas, on one page per jurisdiction, by entry.",
        "ru": "Все источники, на которые ссылается справочник: по странице на юрисдикцию, по статьям.",
    },
    "sources_of": {"en": "Sources: {name}", "ru": "Источники: {name}"},
    "sources_count": {"en": "{entries}, {sources}", "ru": "{entries}, {sources}"},
    "all_deadlines": {"en": "All deadlines", "ru": "Все сроки"},
    "all_deadlines_intro": {
        "en": "Every time limit in the atlas is in a table on its jurisdiction's page, with its legal basis and "
        "the entry that explains it.",
        "ru": "Все сроки, указанные в атласе, собраны в таблицах на страницах юрисдикций, с правовой основой и "
        "ссылкой на статью.",
    },
    "deadlines_count": {"en": "{entries}, {deadlines}", "ru": "{entries}, {deadlines}"},
    "entry": {"en": "Entry", "ru": "Статья"},
    "yes": {"en": "Yes", "ru": "Да"},
    "no": {"en": "No", "ru": "Нет"},
    "not_stated": {"en": "not stated", "ru": "не указан"},
    "from_age": {"en": "from {age}", "ru": "с {age} лет"},
    "country": {"en": "Country", "ru": "Страна"},
    "region": {"en": "Region", "ru": "Регион"},
    "compare": {"en": "Compare", "ru": "Сравнение"},
    "baseline_title": {"en": "{name}: military service (baseline)", "ru": "{name}: военная служба (базовые сведения)"},
    "baseline_marker": {"en": "Baseline, not reviewed by the atlas", "ru": "Базовые сведения, не проверены атласом"},
    "baseline_summary": {
        "en": "ages and terms of military service from the World Factbook.",
        "ru": "возраст и сроки военной службы по данным World Factbook.",
    },
    "baseline_notice": {
        "en": "This page reproduces what the CIA World Factbook ({edition} edition, data as of {year}) says about "
        "military service in this country. The atlas has not reviewed it against the country's law: use it as "
        "a starting point, not as a rule you can rely on.",
        "ru": "На этой странице приведены сведения CIA World Factbook (издание {edition} года, данные на {year} год) "
        "о военной службе в этой стране. Атлас не сверял их с законодательством страны: это отправная точка, а не "
        "правило, на которое можно опираться.",
    },
    "baseline_facts": {"en": "In short", "ru": "Кратко"},
    "baseline_parsed": {
        "en": "These values are read from the source text below; where it does not state one plainly, it is left empty (—).",
        "ru": "Эти значения взяты из текста источника ниже; если он не называет их однозначно, поле оставлено пустым (—).",
    },
    "baseline_text": {"en": "What the source says (in English)", "ru": "Текст источника (на английском языке)"},
    "baseline_year": {"en": "data as of {year}", "ru": "данные на {year} год"},
    "public_domain": {"en": "public domain", "ru": "общественное достояние"},
    "topics_intro": {
        "en": "The atlas's entries by what they are about, each topic with the entries of every country:",
        "ru": "Статьи атласа по темам; в каждой теме — статьи по всем странам:",
    },
    "countries_intro": {
        "en": "Every country and jurisdiction in the atlas, by region, with how deeply the atlas covers it:",
        "ru": "Все страны и юрисдикции атласа по регионам, с указанием глубины охвата:",
    },
    "coverage_full": {"en": "full coverage", "ru": "полный охват"},
    "coverage_full_means": {
        "en": "the atlas's own conscription entry and entries on at least four topics",
        "ru": "собственная статья атласа о призыве и статьи как минимум по четырём темам",
    },
    "coverage_conscription": {"en": "conscription entry", "ru": "статья о призыве"},
    "coverage_conscription_means": {
        "en": "the atlas's own entry on conscription",
        "ru": "собственная статья атласа о призыве",
    },
    "coverage_entries": {"en": "baseline and entries", "ru": "базовые сведения и статьи"},
    "coverage_entries_means": {
        "en": "conscription from the baseline, and the atlas's entries on other topics",
        "ru": "призыв по базовым сведениям и статьи атласа по другим темам",
    },
    "coverage_entries_only": {"en": "entries", "ru": "статьи"},
    "coverage_entries_only_means": {
        "en": "the atlas's entries, for a jurisdiction without conscription of its own (EU, international law)",
        "ru": "статьи атласа для юрисдикции без собственного призыва (ЕС, международное право)",
    },
    "coverage_baseline": {"en": "baseline only", "ru": "только базовые сведения"},
    "coverage_baseline_means": {
        "en": "only the World Factbook baseline, not reviewed by the atlas",
        "ru": "только базовые сведения World Factbook, не проверенные атласом",
    },
    "compare_conscription": {"en": "Conscription around the world", "ru": "Призыв в странах мира"},
    "compare_conscription_intro": {
        "en": "Every country, with the atlas's own facts where it has a conscription entry and the World Factbook "
        "baseline elsewhere. Click a column to sort; type in the box to filter. Values the source does not state "
        "plainly are empty (—).",
        "ru": "Все страны: собственные данные атласа там, где есть статья о призыве, и базовые сведения World "
        "Factbook для остальных. Нажмите на заголовок столбца, чтобы отсортировать; введите текст, чтобы отфильтровать. "
        "Значения, которые источник не называет однозначно, оставлены пустыми (—).",
    },
    "compare_stay": {"en": "Staying abroad: days, documents, registration, extradition",
                     "ru": "Пребывание за границей: сроки, документы, регистрация, выдача"},
    "compare_stay_intro": {
        "en": "For each country with an entry on entry and stay: how many days a Russian citizen may stay without a "
        "visa, whether the internal passport is accepted at the border, when a visitor must register, and which "
        "treaties bind the country to extradite to Russia. Each value says what it rests on; an empty cell (—) "
        "means the entry has no sourced value.",
        "ru": "Для каждой страны, о которой есть статья о въезде и пребывании: сколько дней гражданин России может "
        "находиться без визы, принимают ли на границе внутренний паспорт, когда нужно встать на учёт (регистрация) "
        "и какие договоры обязывают страну выдавать людей России. У каждого значения указано, на чём оно основано; "
        "пустая ячейка (—) значит, что подтверждённого значения в статье нет.",
    },
    "compare_asylum_deadlines": {"en": "Asylum procedure deadlines", "ru": "Сроки в процедурах убежища"},
    "compare_asylum_deadlines_intro": {
        "en": "Every time limit in the atlas's asylum-procedure entries, with its legal basis.",
        "ru": "Все сроки из статей атласа о процедурах убежища, с правовой основой.",
    },
    "col_in_force": {"en": "Conscription in force", "ru": "Призыв действует"},
    "col_ages": {"en": "Call-up ages", "ru": "Призывной возраст"},
    "col_min_age": {"en": "Min. age", "ru": "Мин. возраст"},
    "col_max_age": {"en": "Max. age", "ru": "Макс. возраст"},
    "col_service": {"en": "Service (months)", "ru": "Служба (мес.)"},
    "col_objection": {"en": "Objection recognised", "ru": "Отказ по убеждениям признан"},
    "col_alternative": {"en": "Alternative service (months)", "ru": "Альтернативная служба (мес.)"},
    "col_coverage": {"en": "Coverage", "ru": "Охват"},
    "col_year": {"en": "As of", "ru": "На год"},
    "col_days": {"en": "Days", "ru": "Дней"},
    "col_per_days": {"en": "In any period of (days)", "ru": "За период (дней)"},
    "filter": {"en": "Filter the table", "ru": "Фильтр таблицы"},
    "region_international": {"en": "International and European Union", "ru": "Международное право и Европейский союз"},
    "region_europe": {"en": "Europe", "ru": "Европа"},
    "region_central-asia": {"en": "Russia and Central Asia", "ru": "Россия и Центральная Азия"},
    "region_middle-east": {"en": "Middle East and Caucasus", "ru": "Ближний Восток и Кавказ"},
    "region_south-asia": {"en": "South Asia", "ru": "Южная Азия"},
    "region_east-n-southeast-asia": {"en": "East and Southeast Asia", "ru": "Восточная и Юго-Восточная Азия"},
    "region_africa": {"en": "Africa", "ru": "Африка"},
    "region_north-america": {"en": "North America", "ru": "Северная Америка"},
    "region_central-america-n-caribbean": {"en": "Central America and the Caribbean", "ru": "Центральная Америка и Карибы"},
    "region_south-america": {"en": "South America", "ru": "Южная Америка"},
    "region_australia-oceania": {"en": "Australia and Oceania", "ru": "Австралия и Океания"},
    "region_other": {"en": "Other", "ru": "Другие"},
    "dossier_title": {"en": "{name}: all entries", "ru": "{name}: все статьи"},
    "contents": {"en": "Contents", "ru": "Содержание"},
    "print_all": {"en": "Print all entries on {name}", "ru": "Распечатать все статьи: {name}"},
    "printed_on": {"en": "Printed on", "ru": "Дата печати:"},
    "glossary": {"en": "Glossary", "ru": "Словарь терминов"},
    "glossary_intro": {
        "en": "Words from summonses, official letters and asylum procedures, in English and Russian. Search uses "
        "these pairs: a query with one language's term also finds pages that use the other's.",
        "ru": "Слова из повесток, официальных писем и процедур убежища на русском и английском языках. Поиск "
        "использует эти пары: запрос с термином на одном языке находит и страницы с термином на другом.",
    },
    "lang_en": {"en": "English", "ru": "Английский"},
    "lang_ru": {"en": "Russian", "ru": "Русский"},
    "more_from": {"en": "More on {name}", "ru": "Другие статьи: {name}"},
    "all_of": {"en": "All entries on {name}", "ru": "Все статьи: {name}"},
    "search_label": {"en": "Search the atlas", "ru": "Поиск по атласу"},
    "search_placeholder": {"en": "Search", "ru": "Поиск"},
    "search_loading": {"en": "Loading search…", "ru": "Загрузка поиска…"},
    "search_none": {"en": "Nothing found for “{query}”.", "ru": "По запросу «{query}» ничего не найдено."},
    "search_unavailable": {"en": "Search is unavailable on this page.", "ru": "Поиск на этой странице недоступен."},
    "notice_title": {"en": "Information, not legal advice", "ru": "Информация, а не юридическая консультация"},
    "notice": {
        "en": "This page gives legal information, not legal advice. Laws change often; check the sources and "
        "ask a lawyer or a counselling organisation about your own case. It describes the rules as of the "
        "date it was last reviewed: {date}.",
        "ru": "Эта страница содержит правовую информацию, а не юридическую консультацию. Законы часто меняются: "
        "проверьте источники и обратитесь к юристу или в консультационную организацию по своему делу. "
        "Здесь описаны правила по состоянию на дату последней проверки: {date}.",
    },
    "notice_short": {
        "en": "Legal information, not legal advice. Each entry says when it was last reviewed.",
        "ru": "Правовая информация, а не юридическая консультация. В каждой статье указана дата последней проверки.",
    },
    # What facts rest on (provenance.py): the line beside each fact, the entry's summary and its warning.
    "prov_law": {"en": "Law text", "ru": "Текст закона"},
    "prov_court": {"en": "Court decision", "ru": "Решение суда"},
    "prov_official": {"en": "Official source", "ru": "Официальный источник"},
    "prov_reported": {"en": "Reported by", "ru": "По сообщениям"},
    "prov_class_law": {"en": "the law's text", "ru": "текст закона"},
    "prov_class_court": {"en": "a court decision", "ru": "решение суда"},
    "prov_class_official": {"en": "an official statement or guidance", "ru": "официальное заявление или разъяснение"},
    "prov_class_reported": {"en": "reports only", "ru": "только сообщения"},
    "prov_summary": {"en": "What the {n} facts here rest on", "ru": "На чём основаны факты этой статьи ({n})"},
    "prov_mark_reported": {"en": "reported", "ru": "по сообщениям"},
    "warn_title": {"en": "Check before you act", "ru": "Проверьте, прежде чем действовать"},
    "warn": {
        "en": "These facts you may act on rest on reports only, not on the text of a law, a court decision or an "
        "official source. Confirm them in the sources below, or with a lawyer, before you rely on them:",
        "ru": "Эти факты, от которых могут зависеть ваши действия, известны только из сообщений, а не из текста "
        "закона, решения суда или официального источника. Прежде чем на них опираться, сверьтесь с источниками "
        "ниже или с юристом:",
    },
    "warn_count": {"en": "facts to check: {n}", "ru": "факты для проверки: {n}"},
    "table_facts": {"en": "In the comparison tables", "ru": "В сравнительных таблицах"},
    "col_stay": {"en": "Visa-free stay for Russian citizens", "ru": "Безвизовое пребывание для граждан России"},
    "col_internal_passport": {"en": "Internal passport accepted", "ru": "Въезд по внутреннему паспорту"},
    "col_registration": {"en": "Registration", "ru": "Регистрация"},
    "col_extradition_treaty": {"en": "Extradition to Russia: treaties", "ru": "Выдача России: договоры"},
    "days_in_period": {"en": "{days} in any {period}", "ru": "{days} в любые {period}"},
    "statement_by": {"en": "cited only for a statement by {who} (state-controlled media)",
                     "ru": "приводится только как заявление: {who} (государственное СМИ)"},
    "overdue_title": {"en": "Review overdue", "ru": "Проверка просрочена"},
    "overdue": {
        "en": "This entry was due for review on {date} and has not been reviewed since. The law may have changed.",
        "ru": "Эту статью нужно было перепроверить до {date}, но этого ещё не сделано. Закон мог измениться.",
    },
    "untranslated_title": {"en": "Not yet translated", "ru": "Ещё не переведено"},
    "untranslated": {
        "en": "Parts of this entry are not yet available in English and are shown in {other}.",
        "ru": "Части этой статьи ещё не переведены на русский язык и показаны на языке оригинала ({other}).",
    },
    "lang_name_en": {"en": "English", "ru": "английском"},
    "lang_name_ru": {"en": "Russian", "ru": "русском"},
    "built_on": {"en": "Built on", "ru": "Сборка от"},
    "copy_built": {
        "en": "This copy of the atlas, version {version}, was built on {date}. Release key {key_id}.",
        "ru": "Эта копия атласа, версия {version}, собрана {date}. Ключ выпусков {key_id}.",
    },
    "changes": {"en": "Changes", "ru": "Изменения"},
    "what_changed": {"en": "What changed", "ru": "Что изменилось"},
    "what_changed_intro": {
        "en": "What each release of the atlas added, corrected or removed, newest first. Laws change often: if your copy "
              "is older than the newest release listed here, the entries below may say something your copy does not.",
        "ru": "Что добавлено, исправлено или удалено в каждом выпуске атласа, от новых к старым. Законы часто меняются: "
              "если ваша копия старше последнего выпуска в этом списке, в статьях ниже может быть то, чего нет в вашей копии.",
    },
    "release_heading": {"en": "Version {version}, {date}", "ru": "Версия {version}, {date}"},
    "unreleased": {"en": "Since the last release", "ru": "После последнего выпуска"},
    "removed": {"en": "Removed", "ru": "Удалено"},
    "change:added": {"en": "added", "ru": "добавлено"},
    "change:corrected": {"en": "corrected", "ru": "исправлено"},
    "change:updated": {"en": "updated", "ru": "обновлено"},
    "change_kind:added": {"en": "Added", "ru": "Добавлено"},
    "change_kind:corrected": {"en": "Corrected", "ru": "Исправлено"},
    "change_kind:updated": {"en": "Updated", "ru": "Обновлено"},
    "entries_count": {"en": "{n} entries", "ru": "статей: {n}"},
    "note_key": {
        "en": "Signed with the atlas's release key {key_id} (check it: minisign -Vm <file> -P <the key below>):",
        "ru": "Подписано ключом выпусков атласа {key_id} (проверка: minisign -Vm <файл> -P <ключ ниже>):",
    },
    "no_changes": {"en": "No entry changed in this release.", "ru": "В этом выпуске статьи не менялись."},
    "stale_changes": {"en": "What changed in newer releases", "ru": "Что изменилось в новых выпусках"},
    "stale_title": {"en": "This copy may be out of date", "ru": "Эта копия может быть устаревшей"},
    "stale": {
        "en": "It was built more than six months ago, and laws change often. Get a newer copy: ask whoever gave you "
        "this one, or see how to get the atlas on the page about offline use.",
        "ru": "Она собрана больше полугода назад, а законы часто меняются. Возьмите более новую копию: спросите того, "
        "кто дал вам эту, или посмотрите, как получить атлас, на странице о работе без интернета.",
    },
    "overdue_copy": {
        "en": "This entry was due for review on {date}, after this copy was built: the law may have changed since. "
        "Look for a newer copy of the atlas.",
        "ru": "Эту статью нужно было перепроверить до {date}, уже после сборки этой копии: закон мог измениться. "
        "Найдите более новую копию атласа.",
    },
    "no_entries": {"en": "No entries yet.", "ru": "Статей пока нет."},
    # Topics (the closed list is in schema.TOPICS).
    "topic:conscription": {"en": "Conscription", "ru": "Призыв на военную службу"},
    "topic:mobilisation": {"en": "Mobilisation", "ru": "Мобилизация"},
    "topic:appeal-grounds": {
        "en": "Exemptions, deferments, objection and appeals",
        "ru": "Освобождение, отсрочка, АГС и обжалование",
    },
    "topic:penalties": {"en": "Penalties", "ru": "Ответственность"},
    "topic:entry-and-stay": {"en": "Leaving, entry and stay", "ru": "Выезд, въезд и пребывание"},
    "topic:asylum-procedure": {"en": "Asylum procedure", "ru": "Процедура убежища"},
    "topic:protection-standards": {"en": "Protection standards", "ru": "Стандарты защиты"},
    # Audiences (the closed list is in schema.AUDIENCES).
    "audience:conscripts": {"en": "conscripts", "ru": "призывники"},
    "audience:reservists": {"en": "reservists", "ru": "запасники"},
    "audience:contract-soldiers": {"en": "contract soldiers", "ru": "контрактники"},
    "audience:objectors": {"en": "conscientious objectors", "ru": "отказники по убеждениям"},
    "audience:deserters": {"en": "deserters", "ru": "дезертиры"},
    "audience:families": {"en": "families", "ru": "семьи"},
    "audience:asylum-seekers": {"en": "asylum seekers", "ru": "просители убежища"},
    "audience:counsellors": {"en": "counsellors", "ru": "консультанты"},
    "audience:lawyers": {"en": "lawyers", "ru": "юристы"},
    "preview_dossier": {
        "en": "Preview: this dossier was made when the preview started and is not made again when a file is saved "
        "(it takes the longest to make). To see your changes in it, start kb serve again or run kb build.",
        "ru": "Предпросмотр: это досье собрано при запуске предпросмотра и не пересобирается при сохранении файлов "
        "(его сборка занимает больше всего времени). Чтобы увидеть в нём правки, перезапустите kb serve или "
        "выполните kb build.",
    },
    "preview_problems": {
        "en": "Preview: these files have problems and are left out until they are fixed",
        "ru": "Предпросмотр: в этих файлах есть ошибки, и они не показаны, пока их не исправят",
    },
    # -- case law ----------------------------------------------------------------------------------------------
    "case_law": {"en": "Case law", "ru": "Судебная практика"},
    "case": {"en": "Decision", "ru": "Решение"},
    "cases_intro": {
        "en": "Decisions of courts and UN committees on people who refused military service, evaded the draft or "
        "deserted: who decided what, for whom, on which legal points, and where to read the decision itself. "
        "The summaries are ours and short; read the decision before you rely on it. Choose a court, a year, the "
        "applicant's situation, the outcome or a legal point to narrow the table (this works offline); without "
        "scripts the table shows every decision.",
        "ru": "Решения судов и комитетов ООН по делам людей, которые отказались от военной службы, уклонились от "
        "призыва или покинули часть: кто что решил, по чьему делу, по каким правовым вопросам и где прочитать само "
        "решение. Краткие изложения — наши; прежде чем опираться на решение, прочитайте его полностью. Выберите суд, "
        "год, положение заявителя, исход или правовой вопрос, чтобы сузить таблицу (работает без сети); без "
        "скриптов таблица показывает все решения.",
    },
    "cases_all": {"en": "All decisions", "ru": "Все решения"},
    "guide_case_law": {
        "en": "Decisions of courts and UN committees on draft evaders, deserters and objectors, filterable by court, "
        "applicant, outcome and legal point:",
        "ru": "Решения судов и комитетов ООН по делам уклонившихся от призыва, дезертиров и отказников по убеждениям, "
        "с выбором по суду, заявителю, исходу и правовому вопросу:",
    },
    "cases_by_jurisdiction": {"en": "Decisions by court's jurisdiction", "ru": "Решения по юрисдикции суда"},
    "cases_in": {"en": "Case law: {name}", "ru": "Судебная практика: {name}"},
    "cases_counts": {"en": "Decisions per court and outcome", "ru": "Решения по судам и исходам"},
    "cases_total": {"en": "Total", "ru": "Всего"},
    "cases_dossier_title": {"en": "Case law: every decision", "ru": "Судебная практика: все решения"},
    "print_cases": {"en": "Print every decision", "ru": "Распечатать все решения"},
    "no_cases": {"en": "No decisions have been added yet.", "ru": "Решений пока нет."},
    "cases_for_entry": {"en": "Court decisions", "ru": "Судебные решения"},
    "cases_for_entry_intro": {
        "en": "Decisions that apply or interpret the rules of this entry:",
        "ru": "Решения, в которых применены или истолкованы правила из этой статьи:",
    },
    "cases_shown": {"en": "{shown} of {total} decisions shown", "ru": "Показано решений: {shown} из {total}"},
    "cases_any": {"en": "Any", "ru": "Любой"},
    "case_court": {"en": "Court", "ru": "Суд"},
    "case_decided": {"en": "Date", "ru": "Дата"},
    "case_year": {"en": "Year", "ru": "Год"},
    "case_number": {"en": "Case number", "ru": "Номер дела"},
    "case_type": {"en": "Kind of decision", "ru": "Вид решения"},
    "case_profile": {"en": "Applicant", "ru": "Заявитель"},
    "case_origin": {"en": "Country of origin", "ru": "Страна происхождения"},
    "case_summons": {"en": "Summons", "ru": "Повестка"},
    "case_outcome": {"en": "Outcome", "ru": "Исход"},
    "case_status_given": {"en": "Status given", "ru": "Предоставленный статус"},
    "case_points": {"en": "Legal points", "ru": "Правовые вопросы"},
    "case_holding": {"en": "What it holds", "ru": "Что решено"},
    "case_supports": {"en": "Rules it supports", "ru": "К каким правилам относится"},
    "case_read": {"en": "Where to read it", "ru": "Где прочитать"},
    "case_cite": {"en": "Citation", "ru": "Ссылка"},
    "case_notice_short": {
        "en": "Legal information, not legal advice: our short summary of a decision; read the decision itself "
        "before you rely on it.",
        "ru": "Правовая информация, а не юридическая консультация: это наше краткое изложение решения; прежде чем "
        "на него опираться, прочитайте само решение.",
    },
    "case_type:judgment": {"en": "judgment", "ru": "решение суда"},
    "case_type:decision": {"en": "decision", "ru": "определение / решение"},
    "case_type:views": {"en": "views of a UN committee", "ru": "соображения комитета ООН"},
    "case_type:guidance": {"en": "guidance", "ru": "разъяснение"},
    "case_status:conscript": {"en": "conscript", "ru": "призывник"},
    "case_status:mobilised": {"en": "mobilised", "ru": "мобилизованный"},
    "case_status:reservist": {"en": "reservist", "ru": "резервист (запасник)"},
    "case_status:contract-soldier": {"en": "contract soldier", "ru": "контрактник"},
    "case_status:deserter": {"en": "deserter", "ru": "дезертир"},
    "case_status:evader": {"en": "draft evader", "ru": "уклонившийся от призыва"},
    "case_status:objector": {"en": "conscientious objector", "ru": "отказник по убеждениям"},
    "case_summons:received": {"en": "received a summons", "ru": "получил повестку"},
    "case_summons:not-received": {"en": "no summons received", "ru": "повестку не получал"},
    "case_summons:not-stated": {"en": "summons not stated", "ru": "о повестке не сказано"},
    "case_outcome:granted": {"en": "protection granted", "ru": "защита предоставлена"},
    "case_outcome:refused": {"en": "refused", "ru": "отказано"},
    "case_outcome:remitted": {"en": "sent back for a new decision", "ru": "направлено на новое рассмотрение"},
    "case_outcome:interim-order": {"en": "removal stopped for now (interim order)",
                                   "ru": "высылка приостановлена (обеспечительная мера)"},
    "case_outcome:violation": {"en": "violation found", "ru": "нарушение признано"},
    "case_outcome:no-violation": {"en": "no violation", "ru": "нарушения нет"},
    "case_outcome:interpretation": {"en": "interpretation of the law", "ru": "толкование права"},
    "case_status_given:refugee": {"en": "refugee status", "ru": "статус беженца"},
    "case_status_given:subsidiary": {"en": "subsidiary protection", "ru": "дополнительная защита"},
    "case_status_given:humanitarian": {"en": "humanitarian protection", "ru": "гуманитарная защита"},
    "case_status_given:none": {"en": "none", "ru": "нет"},
    "case_point:prosecution-vs-persecution": {"en": "prosecution or persecution", "ru": "уголовное преследование или преследование"},
    "case_point:disproportionate-punishment": {"en": "disproportionate punishment", "ru": "несоразмерное наказание"},
    "case_point:acts-contrary-to-international-law": {"en": "acts contrary to international law",
                                                      "ru": "действия, нарушающие международное право"},
    "case_point:only-way-out": {"en": "refusal as the only way out", "ru": "отказ как единственный выход"},
    "case_point:conscientious-objection": {"en": "conscientious objection", "ru": "отказ по убеждениям"},
    "case_point:exit-and-passport": {"en": "exit and passport", "ru": "выезд и паспорт"},
    "case_point:credibility": {"en": "credibility and evidence", "ru": "достоверность и доказательства"},
    "case_point:safe-third-country": {"en": "safe third country", "ru": "безопасная третья страна"},
    "case_point:extradition": {"en": "extradition or expulsion", "ru": "выдача или высылка"},
    "case_point:nexus": {"en": "link to a Convention ground", "ru": "связь с основанием Конвенции"},
}

#: Counted nouns, by CLDR plural category (babel): "1 entry", "2 entries"; "1 статья", "2 статьи", "5 статей".
_COUNTS: dict[str, dict[str, dict[str, str]]] = {
    "entries": {
        "en": {"one": "{n} entry", "other": "{n} entries"},
        "ru": {"one": "{n} статья", "few": "{n} статьи", "many": "{n} статей", "other": "{n} статьи"},
    },
    "sources": {
        "en": {"one": "{n} source", "other": "{n} sources"},
        "ru": {"one": "{n} источник", "few": "{n} источника", "many": "{n} источников", "other": "{n} источника"},
    },
    "guides": {
        "en": {"one": "{n} guide", "other": "{n} guides"},
        "ru": {"one": "{n} руководство", "few": "{n} руководства", "many": "{n} руководств", "other": "{n} руководства"},
    },
    "deadlines": {
        "en": {"one": "{n} deadline", "other": "{n} deadlines"},
        "ru": {"one": "{n} срок", "few": "{n} срока", "many": "{n} сроков", "other": "{n} срока"},
    },
    "decisions": {
        "en": {"one": "{n} decision", "other": "{n} decisions"},
        "ru": {"one": "{n} решение", "few": "{n} решения", "many": "{n} решений", "other": "{n} решения"},
    },
    "results": {
        "en": {"one": "{n} result", "other": "{n} results"},
        "ru": {"one": "{n} результат", "few": "{n} результата", "many": "{n} результатов", "other": "{n} результата"},
    },
}

_DATE_LOCALE = {"en": "en_GB", "ru": "ru"}

#: Each language's name in itself, for language switches.
LANGUAGE_NAMES = {"en": "English", "ru": "Русский"}


def label(key: str, lang: str, **values: str) -> str:
    """A label in a language; `{name}` placeholders are filled from `values` when given. A value that ends
    with a full stop (a Russian date ends in «г.») takes the place of the label's own, so none is doubled."""
    text = _LABELS[key][lang]
    for name, value in values.items():
        if value.endswith("."):
            text = text.replace("{" + name + "}.", "{" + name + "}")
    return text.format(**values) if values else text


def count(noun: str, n: int, lang: str) -> str:
    """A number with its noun in the plural form the language needs for it (CLDR rules through babel)."""
    forms = _COUNTS[noun][lang]
    from babel import Locale  # babel's data loads when a count, date or duration is first written

    category = Locale.parse(_DATE_LOCALE[lang]).plural_form(n)
    return forms.get(category, forms["other"]).format(n=n)


def count_forms(noun: str, lang: str) -> dict[str, str]:
    """A counted noun's forms by CLDR plural category, for scripts that pick one (Intl.PluralRules)."""
    return dict(_COUNTS[noun][lang])


def sentence(text: str) -> str:
    """Text ended with one full stop: 'Last reviewed: 21 ноября 2026 г.' stays as it is."""
    return text if text.endswith((".", "!", "?")) else text + "."


def topic_name(topic: str, lang: str) -> str:
    return label(f"topic:{topic}", lang)


def audience_name(audience: str, lang: str) -> str:
    return label(f"audience:{audience}", lang)


@lru_cache(maxsize=4096)
def format_day(day: dt.date, lang: str) -> str:
    """A date in words: '21 November 2026' / '21 ноября 2026 г.' (the same few hundred dates recur on every page)."""
    from babel.dates import format_date

    return format_date(day, format="long", locale=_DATE_LOCALE[lang])


def format_days(days: int, lang: str) -> str:
    """A number of days in words, with the plural the language needs: '21 days' / '21 день'."""
    from babel.units import format_unit

    return format_unit(days, "duration-day", locale=_DATE_LOCALE[lang], length="long")


def keys() -> list[str]:
    return list(_LABELS)


def count_nouns() -> list[str]:
    return list(_COUNTS)
