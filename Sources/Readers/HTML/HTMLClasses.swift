/// A LaTeXML class the reader looks at (`ltx_para`, `ltx_equation`, …), as a bit, so that a
/// node's classes are tested without comparing strings.
struct LTX: Sendable, Equatable {
    let bit: Int

    private init(_ name: String) {
        guard let i = LTX.names.firstIndex(of: name) else { preconditionFailure("unknown class \(name)") }
        bit = i
    }

    /// Every known class; a class's bit is its index here.
    static let names: [String] = [
        "ltx_ERROR",
        "ltx_TOC",
        "ltx_abstract",
        "ltx_acknowledgements",
        "ltx_appendix",
        "ltx_author_notes",
        "ltx_authors",
        "ltx_bib_cited",
        "ltx_bibblock",
        "ltx_bibitem",
        "ltx_bibliography",
        "ltx_block",
        "ltx_caption",
        "ltx_chapter",
        "ltx_classification",
        "ltx_contact",
        "ltx_creator",
        "ltx_dates",
        "ltx_description",
        "ltx_document",
        "ltx_enumerate",
        "ltx_eqn_eqno",
        "ltx_eqn_center_padleft",
        "ltx_eqn_center_padright",
        "ltx_eqn_left_padleft",
        "ltx_eqn_left_padright",
        "ltx_eqn_right_padleft",
        "ltx_eqn_right_padright",
        "ltx_eqn_pad",
        "ltx_eqn_intertext",
        "ltx_equation",
        "ltx_equationgroup",
        "ltx_figure",
        "ltx_flex_cell",
        "ltx_flex_figure",
        "ltx_float",
        "ltx_float_algorithm",
        "ltx_glossary",
        "ltx_index",
        "ltx_inline-block",
        "ltx_inline-para",
        "ltx_item",
        "ltx_itemize",
        "ltx_keywords",
        "ltx_listing",
        "ltx_algorithm",
        "ltx_line",
        "ltx_listingline",
        "ltx_logical-block",
        "ltx_minipage",
        "ltx_missing_citation",
        "ltx_note",
        "ltx_note_content",
        "ltx_note_footnote",
        "ltx_note_mark",
        "ltx_p",
        "ltx_page_footer",
        "ltx_page_header",
        "ltx_page_logo",
        "ltx_page_navbar",
        "ltx_pagination",
        "ltx_para",
        "ltx_paragraph",
        "ltx_part",
        "ltx_personname",
        "ltx_proof",
        "ltx_rdf",
        "ltx_ref",
        "ltx_role_address",
        "ltx_role_affiliation",
        "ltx_role_editor",
        "ltx_role_email",
        "ltx_role_endnote",
        "ltx_role_footnote",
        "ltx_section",
        "ltx_subparagraph",
        "ltx_subsection",
        "ltx_subsubsection",
        "ltx_table",
        "ltx_tabular",
        "ltx_tag",
        "ltx_tag_equation",
        "ltx_td",
        "ltx_theorem",
        "ltx_title",
        "ltx_title_document",
        "ltx_tr",
    ]

    /// Known classes by name, for the tokenizer (substrings of `class` attributes).
    static let byName: [Substring: Int] = {
        var d: [Substring: Int] = [:]
        for (i, n) in names.enumerated() { d[Substring(n)] = i }
        return d
    }()

    static let ERROR = LTX("ltx_ERROR")
    static let TOC = LTX("ltx_TOC")
    static let abstract = LTX("ltx_abstract")
    static let acknowledgements = LTX("ltx_acknowledgements")
    static let appendix = LTX("ltx_appendix")
    static let authorNotes = LTX("ltx_author_notes")
    static let authors = LTX("ltx_authors")
    static let bibCited = LTX("ltx_bib_cited")
    static let bibblock = LTX("ltx_bibblock")
    static let bibitem = LTX("ltx_bibitem")
    static let bibliography = LTX("ltx_bibliography")
    static let block = LTX("ltx_block")
    static let caption = LTX("ltx_caption")
    static let chapter = LTX("ltx_chapter")
    static let classification = LTX("ltx_classification")
    static let contact = LTX("ltx_contact")
    static let creator = LTX("ltx_creator")
    static let dates = LTX("ltx_dates")
    static let description = LTX("ltx_description")
    static let document = LTX("ltx_document")
    static let enumerate = LTX("ltx_enumerate")
    static let eqnEqno = LTX("ltx_eqn_eqno")
    static let eqnIntertext = LTX("ltx_eqn_intertext")
    /// The empty cells that centre a display-math row.
    static let eqnPads = ClassSet([
        LTX("ltx_eqn_center_padleft"), LTX("ltx_eqn_center_padright"), LTX("ltx_eqn_left_padleft"),
        LTX("ltx_eqn_left_padright"), LTX("ltx_eqn_right_padleft"), LTX("ltx_eqn_right_padright"), LTX("ltx_eqn_pad"),
    ])
    static let equation = LTX("ltx_equation")
    static let equationgroup = LTX("ltx_equationgroup")
    static let figure = LTX("ltx_figure")
    static let flexCell = LTX("ltx_flex_cell")
    static let flexFigure = LTX("ltx_flex_figure")
    static let float = LTX("ltx_float")
    static let floatAlgorithm = LTX("ltx_float_algorithm")
    static let glossary = LTX("ltx_glossary")
    static let index = LTX("ltx_index")
    static let inlineBlock = LTX("ltx_inline-block")
    static let inlinePara = LTX("ltx_inline-para")
    static let item = LTX("ltx_item")
    static let itemize = LTX("ltx_itemize")
    static let keywords = LTX("ltx_keywords")
    static let listing = LTX("ltx_listing")
    /// `algorithm2e` as some LaTeXML bindings write it: `ltx_algorithm` holding `ltx_line`s.
    static let algorithm = LTX("ltx_algorithm")
    static let line = LTX("ltx_line")
    static let listingline = LTX("ltx_listingline")
    static let logicalBlock = LTX("ltx_logical-block")
    static let minipage = LTX("ltx_minipage")
    static let missingCitation = LTX("ltx_missing_citation")
    static let note = LTX("ltx_note")
    static let noteContent = LTX("ltx_note_content")
    static let noteFootnote = LTX("ltx_note_footnote")
    static let noteMark = LTX("ltx_note_mark")
    static let p = LTX("ltx_p")
    static let pageFooter = LTX("ltx_page_footer")
    static let pageHeader = LTX("ltx_page_header")
    static let pageLogo = LTX("ltx_page_logo")
    static let pageNavbar = LTX("ltx_page_navbar")
    static let pagination = LTX("ltx_pagination")
    static let para = LTX("ltx_para")
    static let paragraph = LTX("ltx_paragraph")
    static let part = LTX("ltx_part")
    static let personname = LTX("ltx_personname")
    static let proof = LTX("ltx_proof")
    static let rdf = LTX("ltx_rdf")
    static let ref = LTX("ltx_ref")
    static let roleAddress = LTX("ltx_role_address")
    static let roleAffiliation = LTX("ltx_role_affiliation")
    static let roleEditor = LTX("ltx_role_editor")
    static let roleEmail = LTX("ltx_role_email")
    static let roleEndnote = LTX("ltx_role_endnote")
    static let roleFootnote = LTX("ltx_role_footnote")
    static let section = LTX("ltx_section")
    static let subparagraph = LTX("ltx_subparagraph")
    static let subsection = LTX("ltx_subsection")
    static let subsubsection = LTX("ltx_subsubsection")
    static let table = LTX("ltx_table")
    static let tabular = LTX("ltx_tabular")
    static let tag = LTX("ltx_tag")
    static let tagEquation = LTX("ltx_tag_equation")
    static let td = LTX("ltx_td")
    static let theorem = LTX("ltx_theorem")
    static let title = LTX("ltx_title")
    static let titleDocument = LTX("ltx_title_document")
    static let tr = LTX("ltx_tr")
}

/// A set of known classes: two words of bits.
struct ClassSet: Sendable, Equatable {
    var lo: UInt64 = 0
    var hi: UInt64 = 0

    init() {}

    init(_ classes: [LTX]) {
        for c in classes { insert(bit: c.bit) }
    }

    mutating func insert(bit: Int) {
        if bit < 64 { lo |= 1 << UInt64(bit) } else if bit < 128 { hi |= 1 << UInt64(bit - 64) }
    }

    @inline(__always)
    func contains(_ c: LTX) -> Bool {
        c.bit < 64 ? lo & (1 << UInt64(c.bit)) != 0 : hi & (1 << UInt64(c.bit - 64)) != 0
    }

    @inline(__always)
    func intersects(_ other: ClassSet) -> Bool { lo & other.lo != 0 || hi & other.hi != 0 }

    var isEmpty: Bool { lo == 0 && hi == 0 }
}
