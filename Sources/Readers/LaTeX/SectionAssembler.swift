import PaperModel

/// Nests the flat list of headings and blocks into a section tree (levels 1…5).
enum SectionAssembler {
    static func assemble(_ items: [DocumentBuilder.Item]) -> (front: [Block], sections: [Section]) {
        var front: [Block] = []
        var roots: [Section] = []
        var stack: [Section] = []

        func close(downTo level: Int) {
            while let last = stack.last, last.level >= level {
                stack.removeLast()
                if stack.isEmpty { roots.append(last) } else { stack[stack.count - 1].subsections.append(last) }
            }
        }

        for item in items {
            switch item {
            case .heading(let s):
                close(downTo: s.level)
                stack.append(s)
            case .block(let b):
                if stack.isEmpty { front.append(b) } else { stack[stack.count - 1].blocks.append(b) }
            }
        }
        close(downTo: Int.min)
        return (front, roots)
    }
}
