import YAMLFiles
import Initiatives
import Yams

extension Node {
    /// Where a problem of the domain's checks lies: follows `path` (mapping keys and list indices)
    /// as far as the file goes. A path ending in a key points at the key, so a wijk's or a
    /// setting's line is shown; a path that leaves the file points at the deepest part it reached.
    func mark(of path: [String]) -> Mark? {
        var node = self
        var mark = self.mark
        for step in path {
            switch node {
            case .mapping(let mapping):
                guard let (key, value) = mapping.first(where: { $0.key.scalarText == step }) else { return mark }
                node = value
                mark = key.mark
            case .sequence(let sequence):
                guard let index = Int(step), sequence.indices.contains(index) else { return mark }
                node = sequence[index]
                mark = node.mark
            default:
                return mark
            }
        }
        return mark
    }
}
