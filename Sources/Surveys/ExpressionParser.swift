/// Parses the `show_if` language described at ``Expression``.
public enum ExpressionParser {
    public static func parse(_ source: String) throws(ExpressionSyntaxError) -> Expression {
        // Implemented by the expression work of issue 3.
        throw ExpressionSyntaxError(offset: 0, message: "show_if is not supported yet")
    }
}
