using System.Collections.Generic;
using System.Globalization;
using System.Text;
using FlashRnn.Gen.Language.Diagnostics;

namespace FlashRnn.Gen.Language.Syntax;

/// <summary>
/// Parses the equations text: one <c>name = expression</c> per line, C-like precedence (conditional, comparison,
/// additive, multiplicative, unary, primary).
/// </summary>
/// <remarks>
/// <para>Line continuation: an equation continues on the next line when its line ends where an operand must follow
/// (after a binary operator, '(', ',', '?', ':' or '=') or while a parenthesis is open. A line that starts with
/// <c>name =</c> always starts a new equation, so an unclosed '(' is reported on its own line.</para>
/// <para>Recovery: the first syntax error of an equation is reported and the rest of that equation is skipped; the
/// next equation is parsed normally. The assignment target still counts, so no "never assigned" error follows.</para>
/// <para>Nesting and tree height are limited to <see cref="MaxDepth"/>, so no input can overflow the stack.</para>
/// </remarks>
internal sealed class EquationParser
{
    /// <summary>Deepest nesting of parentheses, calls and unary operators, and the tallest expression tree.</summary>
    public const int MaxDepth = 200;

    private readonly List<Token> _tokens;
    private readonly DiagnosticBag _diagnostics;
    private readonly LineMap _lines;
    private readonly List<EquationSyntax> _equations = new();
    private readonly HashSet<string> _abandonedTargets = new();
    private int _position;
    private int _parenDepth;
    private int _nesting;
    private bool _failed;

    private EquationParser(string text, DiagnosticBag diagnostics)
    {
        _tokens = Lexer.Tokenize(text);
        _diagnostics = diagnostics;
        _lines = new LineMap(text);
    }

    public static ParsedEquations Parse(string text, DiagnosticBag diagnostics)
    {
        var parser = new EquationParser(text, diagnostics);
        bool isEmpty = parser.ParseAll();
        return new ParsedEquations(parser._equations, parser._abandonedTargets, isEmpty);
    }

    private Token Current => _tokens[_position];

    private Token Peek(int ahead) => _tokens[System.Math.Min(_position + ahead, _tokens.Count - 1)];

    private Token Advance()
    {
        Token token = _tokens[_position];
        if (token.Kind != TokenKind.End) _position++;
        return token;
    }

    private bool ParseAll()
    {
        bool isEmpty = true;
        while (true)
        {
            while (Current.Kind == TokenKind.Newline) Advance();
            if (Current.Kind == TokenKind.End) return isEmpty;
            isEmpty = false;
            ParseEquation();
        }
    }

    private void ParseEquation()
    {
        _failed = false;
        _parenDepth = 0;
        _nesting = 0;
        int firstIndex = _position;
        Token first = Current;
        if (first.Kind == TokenKind.Identifier && Peek(1).Kind == TokenKind.Assign)
        {
            Advance();
            Token assign = Advance();
            ExpressionSyntax? expression = ParseExpression(assign);
            if (expression is not null) ExpectEndOfEquation();
            _equations.Add(new EquationSyntax(_equations.Count, _lines.LineOf(first.Span.Start), first,
                _failed ? null : expression, _failed ? first.Text : SourceText(firstIndex, _position)));
        }
        else
        {
            ReportMalformedStart(first);
        }
        if (_failed) SkipRestOfEquation();
    }

    private void ReportMalformedStart(Token first)
    {
        Token next = Peek(1);
        if (first.Kind == TokenKind.BadCharacter)
        {
            ReportBadCharacter(first);
        }
        else if (first.Kind != TokenKind.Identifier)
        {
            string hint = first.ExpectsOperand && first.Kind is not (TokenKind.OpenParen or TokenKind.Assign)
                ? "to continue the previous line, end that line with the operator instead of starting this one with it"
                : "start the line with the name being assigned, not " + first.Describe();
            Fail(DiagnosticTable.NotAnAssignment, first.Span, hint);
        }
        else if (next.Kind == TokenKind.Dot && Peek(2).Kind == TokenKind.Identifier && Peek(3).Kind == TokenKind.Assign)
        {
            Token member = Peek(2);
            Fail(DiagnosticTable.InvalidAssignmentTarget, TextSpan.Covering(first.Span, member.Span), first.Text + "." + member.Text);
        }
        else
        {
            _abandonedTargets.Add(first.Text);
            if (next.Kind == TokenKind.EqualEqual)
                Fail(DiagnosticTable.NotAnAssignment, next.Span, "assign with a single '=' ('==' compares)");
            else if (next.Kind is TokenKind.Newline or TokenKind.End)
                Fail(DiagnosticTable.NotAnAssignment, first.Span, "write '= expression' after '" + first.Text + "'");
            else if (next.Kind == TokenKind.BadCharacter)
                ReportBadCharacter(next);
            else
                Fail(DiagnosticTable.NotAnAssignment, next.Span, "write '=' between '" + first.Text + "' and " + next.Describe());
        }
    }

    private void ExpectEndOfEquation()
    {
        Token token = Current;
        switch (token.Kind)
        {
            case TokenKind.Newline or TokenKind.End:
                return;
            case TokenKind.CloseParen:
                Fail(DiagnosticTable.UnmatchedCloseParenthesis, token.Span);
                return;
            case TokenKind.BadCharacter:
                ReportBadCharacter(token);
                return;
            case TokenKind.BadNumber:
                Fail(DiagnosticTable.InvalidNumber, token.Span, token.Text);
                return;
            case TokenKind.Assign:
                Fail(DiagnosticTable.UnexpectedToken, token.Span, token.Describe(),
                    "an operator or the end of the line (one assignment per line; '==' compares)");
                return;
            default:
                Fail(DiagnosticTable.UnexpectedToken, token.Span, token.Describe(), "an operator or the end of the line");
                return;
        }
    }

    // ---- expressions ---------------------------------------------------------------------------------------------

    private ExpressionSyntax? ParseExpression(Token demanding)
    {
        if (!EnterNesting(Current)) return null;
        try
        {
            ExpressionSyntax? condition = ParseComparison(demanding);
            if (condition is null) return null;
            SkipNewlinesInsideParentheses();
            if (Current.Kind != TokenKind.Question) return condition;

            Token question = Advance();
            ExpressionSyntax? whenTrue = ParseExpression(question);
            if (whenTrue is null) return null;
            SkipNewlinesInsideParentheses();
            if (Current.Kind != TokenKind.Colon)
            {
                if (Current.Kind is TokenKind.Newline or TokenKind.End or TokenKind.CloseParen or TokenKind.Comma)
                    Fail(DiagnosticTable.IncompleteConditional, question.Span);
                else
                    ReportUnexpected(Current, "':' to complete 'condition ? a : b'");
                return null;
            }
            Token colon = Advance();
            ExpressionSyntax? whenFalse = ParseExpression(colon);
            if (whenFalse is null) return null;
            return Checked(new ConditionalSyntax(condition, whenTrue, whenFalse), question);
        }
        finally
        {
            _nesting--;
        }
    }

    private ExpressionSyntax? ParseComparison(Token demanding)
    {
        ExpressionSyntax? left = ParseAdditive(demanding);
        while (left is not null)
        {
            SkipNewlinesInsideParentheses();
            if (!Current.IsComparison) return left;
            Token op = Advance();
            ExpressionSyntax? right = ParseAdditive(op);
            if (right is null) return null;
            // A chain such as a < b < c parses; the binder then reports the inner comparison used as a value.
            left = Checked(new ComparisonSyntax(left, op, right), op);
        }
        return null;
    }

    private ExpressionSyntax? ParseAdditive(Token demanding)
    {
        ExpressionSyntax? left = ParseMultiplicative(demanding);
        while (left is not null)
        {
            SkipNewlinesInsideParentheses();
            if (Current.Kind is not (TokenKind.Plus or TokenKind.Minus)) return left;
            Token op = Advance();
            ExpressionSyntax? right = ParseMultiplicative(op);
            if (right is null) return null;
            left = Checked(new BinarySyntax(left, op, right), op);
        }
        return null;
    }

    private ExpressionSyntax? ParseMultiplicative(Token demanding)
    {
        ExpressionSyntax? left = ParseUnary(demanding);
        while (left is not null)
        {
            SkipNewlinesInsideParentheses();
            if (Current.Kind is not (TokenKind.Star or TokenKind.Slash)) return left;
            Token op = Advance();
            ExpressionSyntax? right = ParseUnary(op);
            if (right is null) return null;
            left = Checked(new BinarySyntax(left, op, right), op);
        }
        return null;
    }

    private ExpressionSyntax? ParseUnary(Token demanding)
    {
        SkipNewlinesBeforeOperand();
        if (Current.Kind is not (TokenKind.Minus or TokenKind.Plus)) return ParsePrimary(demanding);
        if (!EnterNesting(Current)) return null;
        try
        {
            Token op = Advance();
            ExpressionSyntax? operand = ParseUnary(op);
            return operand is null ? null : Checked(new UnarySyntax(op, operand), op);
        }
        finally
        {
            _nesting--;
        }
    }

    private ExpressionSyntax? ParsePrimary(Token demanding)
    {
        Token token = Current;
        switch (token.Kind)
        {
            case TokenKind.Number:
                Advance();
                if (token.Value > float.MaxValue)
                    Report(DiagnosticTable.NumberOutOfRange, token.Span, token.Text);
                return new NumberSyntax(token);
            case TokenKind.BadNumber:
                Fail(DiagnosticTable.InvalidNumber, token.Span, token.Text);
                return null;
            case TokenKind.BadCharacter:
                ReportBadCharacter(token);
                return null;
            case TokenKind.Identifier:
                return ParseNameOrCall();
            case TokenKind.OpenParen:
                return ParseParenthesized();
            case TokenKind.Dot:
                ReportUnexpected(token, "an expression after " + demanding.Describe());
                return null;
            default:
                Fail(DiagnosticTable.MissingOperand, demanding.Span, demanding.Text);
                return null;
        }
    }

    private ExpressionSyntax? ParseNameOrCall()
    {
        Token name = Advance();
        if (Current.Kind == TokenKind.OpenParen) return ParseCall(name);
        if (Current.Kind != TokenKind.Dot) return new NameSyntax(name);

        Token dot = Advance();
        if (Current.Kind == TokenKind.Identifier) return new MemberSyntax(name, Advance());
        if (Current.Kind is TokenKind.Newline or TokenKind.End)
            Fail(DiagnosticTable.UnexpectedToken, dot.Span, "'.' at the end of the line", "a gate part ('input' or 'recurrent') after it");
        else
            ReportUnexpected(Current, "a gate part ('input' or 'recurrent') after '.'");
        return null;
    }

    private ExpressionSyntax? ParseCall(Token name)
    {
        Token open = Advance();
        if (!EnterNesting(open)) return null;
        _parenDepth++;
        try
        {
            var arguments = new List<ExpressionSyntax>();
            SkipNewlinesInsideParentheses();
            if (Current.Kind != TokenKind.CloseParen)
            {
                Token demanding = open;
                while (true)
                {
                    ExpressionSyntax? argument = ParseExpression(demanding);
                    if (argument is null) return null;
                    arguments.Add(argument);
                    SkipNewlinesInsideParentheses();
                    if (Current.Kind != TokenKind.Comma) break;
                    demanding = Advance();
                }
            }
            if (Current.Kind != TokenKind.CloseParen)
            {
                ReportUnclosed(open, "',' or ')'");
                return null;
            }
            Token close = Advance();
            _parenDepth--;
            return Checked(new CallSyntax(name, arguments, close), name);
        }
        finally
        {
            _nesting--;
        }
    }

    private ExpressionSyntax? ParseParenthesized()
    {
        Token open = Advance();
        if (!EnterNesting(open)) return null;
        _parenDepth++;
        try
        {
            ExpressionSyntax? inner = ParseExpression(open);
            if (inner is null) return null;
            SkipNewlinesInsideParentheses();
            if (Current.Kind != TokenKind.CloseParen)
            {
                ReportUnclosed(open, "')'");
                return null;
            }
            Token close = Advance();
            _parenDepth--;
            return Checked(new ParenthesizedSyntax(open, inner, close), open);
        }
        finally
        {
            _nesting--;
        }
    }

    // ---- line continuation ---------------------------------------------------------------------------------------

    /// <summary>Where an operand must follow, line breaks continue the equation unless the next line starts a new one.</summary>
    private void SkipNewlinesBeforeOperand()
    {
        if (Current.Kind == TokenKind.Newline && !NextLineStartsEquation()) SkipNewlines();
    }

    /// <summary>Inside parentheses, line breaks between operands and operators continue the equation.</summary>
    private void SkipNewlinesInsideParentheses()
    {
        if (_parenDepth > 0) SkipNewlinesBeforeOperand();
    }

    private void SkipNewlines()
    {
        while (Current.Kind == TokenKind.Newline) Advance();
    }

    /// <summary>True when the next non-blank line starts with <c>name =</c> or the text ends (at a Newline token).</summary>
    private bool NextLineStartsEquation()
    {
        int i = _position;
        while (_tokens[i].Kind == TokenKind.Newline) i++;
        if (_tokens[i].Kind == TokenKind.End) return true;
        return _tokens[i].Kind == TokenKind.Identifier && i + 1 < _tokens.Count && _tokens[i + 1].Kind == TokenKind.Assign;
    }

    /// <summary>After an error: skip to the end of the equation, following the same continuation rules.</summary>
    private void SkipRestOfEquation()
    {
        int depth = _parenDepth;
        Token previous = _position > 0 ? _tokens[_position - 1] : Current;
        while (Current.Kind != TokenKind.End)
        {
            if (Current.Kind == TokenKind.Newline)
            {
                bool continues = (depth > 0 || previous.ExpectsOperand) && !NextLineStartsEquation();
                if (!continues) return;
                SkipNewlines();
                continue;
            }
            if (Current.Kind == TokenKind.OpenParen) depth++;
            else if (Current.Kind == TokenKind.CloseParen && depth > 0) depth--;
            previous = Advance();
        }
    }

    // ---- limits and reporting ------------------------------------------------------------------------------------

    private bool EnterNesting(Token at)
    {
        if (++_nesting <= MaxDepth) return true;
        _nesting--;
        Fail(DiagnosticTable.ExpressionTooDeep, at.Span, MaxDepth.ToString(CultureInfo.InvariantCulture));
        return false;
    }

    private ExpressionSyntax? Checked(ExpressionSyntax node, Token at)
    {
        if (node.Height <= MaxDepth) return node;
        Fail(DiagnosticTable.ExpressionTooDeep, at.Span, MaxDepth.ToString(CultureInfo.InvariantCulture));
        return null;
    }

    private void ReportUnclosed(Token open, string expected)
    {
        if (Current.Kind is TokenKind.Newline or TokenKind.End) Fail(DiagnosticTable.UnclosedParenthesis, open.Span);
        else ReportUnexpected(Current, expected);
    }

    private void ReportUnexpected(Token token, string expected)
    {
        if (token.Kind == TokenKind.BadCharacter) ReportBadCharacter(token);
        else if (token.Kind == TokenKind.BadNumber) Fail(DiagnosticTable.InvalidNumber, token.Span, token.Text);
        else Fail(DiagnosticTable.UnexpectedToken, token.Span, token.Describe(), expected);
    }

    private void ReportBadCharacter(Token token)
        => Fail(DiagnosticTable.UnexpectedCharacter, token.Span, token.Text, HintFor(token.Text));

    private static string HintFor(string character) => character switch
    {
        "^" => "there is no power operator: multiply (x * x) or use exp and log",
        "!" => "there is no logical not: compare with '!=' or swap the branches of 'condition ? a : b'",
        "&" or "|" => "there are no logical operators: nest conditionals, as in 'a > 0 ? (b > 0 ? x : y) : y'",
        "%" => "there is no remainder operator",
        ";" => "write one equation per line",
        "[" or "]" or "{" or "}" => "group with parentheses ( )",
        "\\" => "a line continues by itself when it ends with an operator or inside parentheses",
        _ => "use names, numbers, + - * /, comparisons, 'condition ? a : b' and parentheses",
    };

    private void Fail(CellDiagnosticDescriptor descriptor, TextSpan span, params string[] arguments)
    {
        if (!_failed) _diagnostics.Report(descriptor, CellTextPart.Equations, span, arguments);
        _failed = true;
    }

    private void Report(CellDiagnosticDescriptor descriptor, TextSpan span, params string[] arguments)
    {
        if (!_failed) _diagnostics.Report(descriptor, CellTextPart.Equations, span, arguments);
    }

    /// <summary>The equation's tokens as one line: comments dropped, any run of blanks or line breaks one space.</summary>
    private string SourceText(int firstIndex, int endIndex)
    {
        var builder = new StringBuilder();
        Token? previous = null;
        for (int i = firstIndex; i < endIndex; i++)
        {
            Token token = _tokens[i];
            if (token.Kind is TokenKind.Newline or TokenKind.End) continue;
            if (previous is { } p && token.Span.Start > p.Span.End) builder.Append(' ');
            builder.Append(token.Text);
            previous = token;
        }
        return builder.ToString();
    }
}
