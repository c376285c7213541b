import YAMLFiles

extension SurveyFileReader {
    /// Reports a `max` below `min` at `max`, where the fix usually is; `earlier` words it for dates.
    mutating func checkBounds<Value: Comparable>(
        _ min: Value?, _ max: Value?, in fields: Fields, show: (Value) -> String, earlier: Bool = false
    ) -> Bool {
        guard let min, let max, let maxNode = fields.value("max"), max < min else { return true }
        let relation = earlier ? "earlier than" : "less than"
        log.report("'max' (\(show(max))) must not be \(relation) 'min' (\(show(min)))", at: maxNode)
        return false
    }
}
