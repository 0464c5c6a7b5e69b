using System;
using System.Collections.Generic;
using System.Globalization;
using FlashRnn.ConstrInt.Solving;
using FlashRnn.ConstrInt.Text;

namespace FlashRnn.ConstrInt
{
    /// <summary>
    /// Parses the ConstrINT text format (see the library README): one statement a line, <c>#</c> comments.
    /// <code>
    /// var K in pow2(1..16)
    /// var BT in {8, 16, 32, 64} prefer high
    /// const DH = 768
    /// let SMEM = 2*DH*BT + 64          # a defined variable: shared by constraints, named in explanations
    /// "shared memory per block": SMEM &lt;= 232448
    /// heads: divides(K, DH)
    /// minimize SMEM / K
    /// </code>
    /// </summary>
    public static class ProblemParser
    {
        /// <summary>Parses <paramref name="text"/>; never throws for bad input (errors come back with line and column).</summary>
        public static ParseResult Parse(string text)
        {
            if (text is null)
            {
                throw new ArgumentNullException(nameof(text));
            }

            var state = new ParserState();
            string[] lines = text.Replace("\r\n", "\n").Replace('\r', '\n').Split('\n');
            for (int index = 0; index < lines.Length; index++)
            {
                int lineNumber = index + 1;
                if (!Lexer.TryTokenize(lines[index], out List<Token> tokens, out string? lexError, out int lexColumn))
                {
                    state.Errors.Add(new ParseError(lineNumber, lexColumn, lexError!));
                    continue;
                }

                if (tokens.Count == 1)
                {
                    continue; // blank or comment-only line
                }

                try
                {
                    new LineParser(state, tokens, lineNumber).ParseStatement();
                }
                catch (LineErrorException error)
                {
                    state.Errors.Add(new ParseError(lineNumber, error.Column, error.Message));
                }
            }

            return state.Errors.Count == 0
                ? new ParseResult(state.Problem, Array.Empty<ParseError>())
                : new ParseResult(null, state.Errors);
        }

        /// <summary>What earlier lines declared.</summary>
        private sealed class ParserState
        {
            public Problem Problem { get; } = new Problem();

            public List<ParseError> Errors { get; } = new List<ParseError>();

            /// <summary>Named constants (variables and <c>let</c> definitions live in <see cref="Problem"/>).</summary>
            public Dictionary<string, IntExpr> Names { get; } = new Dictionary<string, IntExpr>(StringComparer.Ordinal);

            public Dictionary<string, int> NameLines { get; } = new Dictionary<string, int>(StringComparer.Ordinal);

            public Dictionary<string, int> LabelLines { get; } = new Dictionary<string, int>(StringComparer.Ordinal);

            public int ObjectiveLine { get; set; }
        }

        private sealed class LineErrorException : Exception
        {
            public LineErrorException(int column, string message)
                : base(message)
            {
                Column = column;
            }

            public int Column { get; }
        }

        /// <summary>Recursive-descent parser of one line's tokens.</summary>
        private sealed class LineParser
        {
            private readonly ParserState _state;
            private readonly List<Token> _tokens;
            private readonly int _line;
            private int _position;

            public LineParser(ParserState state, List<Token> tokens, int line)
            {
                _state = state;
                _tokens = tokens;
                _line = line;
            }

            private Token Current => _tokens[_position];

            public void ParseStatement()
            {
                Token first = Current;
                if (first.Kind == TokenKind.Identifier && Peek(1).Kind != TokenKind.Colon)
                {
                    switch (first.Text)
                    {
                        case "var":
                            ParseVariables();
                            return;
                        case "const":
                            ParseConstant();
                            return;
                        case "let":
                            ParseLet();
                            return;
                        case "minimize":
                        case "maximize":
                            ParseObjective();
                            return;
                    }
                }

                ParseConstraint();
            }

            private void ParseVariables()
            {
                Advance(); // var
                var names = new List<Token> { ExpectNewName("a variable name after 'var'") };
                while (Current.Kind == TokenKind.Comma)
                {
                    Advance();
                    names.Add(ExpectNewName("a variable name after ','"));
                }

                ExpectKeyword("in", "'in' and a domain (for example 'in 0..10', 'in {1, 2, 4}' or 'in pow2(1..64)')");
                IntDomain domain = ParseDomain();
                ValuePreference preference = ValuePreference.Low;
                if (IsKeyword(Current, "prefer"))
                {
                    Advance();
                    if (IsKeyword(Current, "low") || IsKeyword(Current, "high"))
                    {
                        preference = Current.Text == "high" ? ValuePreference.High : ValuePreference.Low;
                        Advance();
                    }
                    else
                    {
                        throw Error(Current, $"expected 'low' or 'high' after 'prefer', found {Current.Describe()}");
                    }
                }

                ExpectEnd();
                foreach (Token name in names)
                {
                    _state.Problem.AddVariable(name.Text, domain, preference);
                    _state.NameLines[name.Text] = _line;
                }
            }

            private IntDomain ParseDomain()
            {
                Token start = Current;
                if (Current.Kind == TokenKind.LeftBrace)
                {
                    Advance();
                    var values = new List<long> { ParseConstantValue("a value") };
                    while (Current.Kind == TokenKind.Comma)
                    {
                        Advance();
                        values.Add(ParseConstantValue("a value after ','"));
                    }

                    Expect(TokenKind.RightBrace, "',' or '}' to close the set");
                    return IntDomain.Of(values);
                }

                if (IsKeyword(Current, "pow2"))
                {
                    Advance();
                    Expect(TokenKind.LeftParen, "'(' after 'pow2', as in pow2(1..64)");
                    long min = ParseConstantValue("the smallest allowed value");
                    Expect(TokenKind.DotDot, "'..' between the bounds, as in pow2(1..64)");
                    long max = ParseConstantValue("the largest allowed value");
                    Expect(TokenKind.RightParen, "')' to close pow2(...)");
                    if (min > max || max < 1 || HighestPowerOfTwoAtMost(max) < min)
                    {
                        throw Error(start, $"pow2({min}..{max}) holds no power of two");
                    }

                    return IntDomain.PowersOfTwo(min, max);
                }

                long lo = ParseConstantValue("a domain: 'lo..hi', '{a, b, c}' or 'pow2(lo..hi)'");
                Expect(TokenKind.DotDot, "'..' between the bounds of the range");
                long hi = ParseConstantValue("the upper bound of the range");
                if (lo > hi)
                {
                    throw Error(start, $"the range {lo}..{hi} is empty: write the smaller bound first");
                }

                return IntDomain.Range(lo, hi);
            }

            private void ParseConstant()
            {
                Advance(); // const
                Token name = ExpectNewName("a name after 'const'");
                Expect(TokenKind.SingleEqual, "'=' after the constant's name");
                long value = ParseConstantValue("the constant's value");
                ExpectEnd();
                _state.Names[name.Text] = new ConstantExpr(value, name.Text);
                _state.NameLines[name.Text] = _line;
            }

            private void ParseLet()
            {
                Advance(); // let
                Token name = ExpectNewName("a name after 'let'");
                Expect(TokenKind.SingleEqual, "'=' after the name");
                IntExpr value = ParseExpression();
                ExpectEnd();
                try
                {
                    _state.Problem.Define(name.Text, value);
                }
                catch (ArgumentException)
                {
                    throw Error(name, $"'{name.Text}' is undefined for every assignment (a zero divisor or a value beyond ±2^62)");
                }

                _state.NameLines[name.Text] = _line;
            }

            private void ParseObjective()
            {
                Token keyword = Current;
                Advance();
                if (_state.ObjectiveLine != 0)
                {
                    throw Error(keyword, $"the problem already has an objective (line {_state.ObjectiveLine}); keep one 'minimize' or 'maximize'");
                }

                IntExpr expression = ParseExpression();
                ExpectEnd();
                if (keyword.Text == "minimize")
                {
                    _state.Problem.Minimize(expression);
                }
                else
                {
                    _state.Problem.Maximize(expression);
                }

                _state.ObjectiveLine = _line;
            }

            private void ParseConstraint()
            {
                string label = "line " + _line.ToString(CultureInfo.InvariantCulture);
                if ((Current.Kind == TokenKind.Identifier || Current.Kind == TokenKind.String) && Peek(1).Kind == TokenKind.Colon)
                {
                    Token labelToken = Current;
                    if (labelToken.Kind == TokenKind.String && string.IsNullOrWhiteSpace(labelToken.Text))
                    {
                        throw Error(labelToken, "a constraint label must not be empty");
                    }

                    label = labelToken.Text;
                    if (_state.LabelLines.TryGetValue(label, out int earlier))
                    {
                        throw Error(labelToken, $"the label '{label}' is already used on line {earlier}; labels name constraints in explanations, so keep them unique");
                    }

                    Advance();
                    Advance();
                }

                Relation relation;
                if (IsKeyword(Current, "divides") && Peek(1).Kind == TokenKind.LeftParen)
                {
                    Advance();
                    Advance();
                    IntExpr divisor = ParseExpression();
                    Expect(TokenKind.Comma, "',' between the divisor and the multiple, as in divides(K, DH)");
                    IntExpr multiple = ParseExpression();
                    Expect(TokenKind.RightParen, "')' to close divides(...)");
                    relation = divisor.Divides(multiple);
                }
                else
                {
                    IntExpr left = ParseExpression();
                    Token op = Current;
                    RelationOperator? relationOperator = RelationOf(op.Kind);
                    if (op.Kind == TokenKind.SingleEqual)
                    {
                        throw Error(op, "'=' is not a comparison: write '==' for equality");
                    }

                    if (relationOperator is null)
                    {
                        throw Error(op, $"expected a comparison (<=, <, ==, !=, >=, >) after the expression, found {op.Describe()}");
                    }

                    Advance();
                    IntExpr right = ParseExpression();
                    relation = new Relation(left, relationOperator.Value, right);
                }

                ExpectEnd();
                _state.Problem.AddConstraint(label, relation);
                _state.LabelLines[label] = _line;
            }

            private IntExpr ParseExpression()
            {
                IntExpr left = ParseTerm();
                while (Current.Kind == TokenKind.Plus || Current.Kind == TokenKind.Minus)
                {
                    bool plus = Current.Kind == TokenKind.Plus;
                    Advance();
                    IntExpr right = ParseTerm();
                    left = plus ? left + right : left - right;
                }

                return left;
            }

            private IntExpr ParseTerm()
            {
                IntExpr left = ParseUnary();
                while (Current.Kind == TokenKind.Star || Current.Kind == TokenKind.Slash || Current.Kind == TokenKind.Percent)
                {
                    TokenKind kind = Current.Kind;
                    Advance();
                    IntExpr right = ParseUnary();
                    left = kind == TokenKind.Star ? left * right : kind == TokenKind.Slash ? left / right : left % right;
                }

                return left;
            }

            private IntExpr ParseUnary()
            {
                if (Current.Kind != TokenKind.Minus)
                {
                    return ParsePrimary();
                }

                Advance();
                if (Current.Kind == TokenKind.Number && Current.Number != 0)
                {
                    // A negative literal stays one constant, so "-5" reads back as it was written ("-0" stays a negation).
                    long value = Current.Number;
                    Advance();
                    return new ConstantExpr(-value);
                }

                return -ParseUnary();
            }

            private IntExpr ParsePrimary()
            {
                Token token = Current;
                switch (token.Kind)
                {
                    case TokenKind.Number:
                        Advance();
                        return new ConstantExpr(token.Number);
                    case TokenKind.LeftParen:
                        Advance();
                        IntExpr inner = ParseExpression();
                        Expect(TokenKind.RightParen, "')' to close the parenthesis");
                        return inner;
                    case TokenKind.Identifier when (token.Text == "min" || token.Text == "max") && Peek(1).Kind == TokenKind.LeftParen:
                        return ParseMinMax(token.Text == "min");
                    case TokenKind.Identifier:
                        Advance();
                        return Resolve(token);
                    default:
                        throw Error(token, $"expected a number, a name, '(' or min(...)/max(...), found {token.Describe()}");
                }
            }

            private IntExpr ParseMinMax(bool isMin)
            {
                Advance();
                Advance();
                IntExpr result = ParseExpression();
                if (Current.Kind != TokenKind.Comma)
                {
                    throw Error(Current, $"{(isMin ? "min" : "max")}(...) takes at least two expressions separated by ','");
                }

                while (Current.Kind == TokenKind.Comma)
                {
                    Advance();
                    IntExpr next = ParseExpression();
                    result = isMin ? IntExpr.Min(result, next) : IntExpr.Max(result, next);
                }

                Expect(TokenKind.RightParen, $"',' or ')' to close {(isMin ? "min" : "max")}(...)");
                return result;
            }

            private IntExpr Resolve(Token name)
            {
                if (Identifiers.IsKeyword(name.Text))
                {
                    throw Error(name, $"'{name.Text}' is a keyword and cannot be used as a value here");
                }

                IntVar? variable = _state.Problem.FindVariable(name.Text);
                if (variable is not null)
                {
                    return variable;
                }

                if (_state.Names.TryGetValue(name.Text, out IntExpr? named))
                {
                    return named;
                }

                throw Error(name, $"unknown name '{name.Text}': declare it first with 'var', 'const' or 'let'");
            }

            private long ParseConstantValue(string what)
            {
                Token start = Current;
                if (start.Kind == TokenKind.End)
                {
                    throw Error(start, $"expected {what}, found the end of the line");
                }

                IntExpr expression = ParseExpression();
                IReadOnlyList<IntVar> variables = expression.Variables();
                if (variables.Count > 0)
                {
                    throw Error(start, $"expected {what} as a constant, but it reads the variable '{variables[0].Name}'");
                }

                long? value = ExactEvaluator.Evaluate(expression, _ => 0);
                if (value is null)
                {
                    throw Error(start, $"{what} is undefined (a division by zero, or a value beyond ±2^62)");
                }

                return value.Value;
            }

            private Token ExpectNewName(string what)
            {
                Token token = Current;
                if (token.Kind != TokenKind.Identifier)
                {
                    throw Error(token, $"expected {what}, found {token.Describe()}");
                }

                if (Identifiers.IsKeyword(token.Text))
                {
                    throw Error(token, $"'{token.Text}' is a keyword; choose another name");
                }

                if (_state.NameLines.TryGetValue(token.Text, out int earlier))
                {
                    throw Error(token, $"'{token.Text}' is already declared on line {earlier}");
                }

                Advance();
                return token;
            }

            private void ExpectKeyword(string keyword, string what)
            {
                if (!IsKeyword(Current, keyword))
                {
                    throw Error(Current, $"expected {what}, found {Current.Describe()}");
                }

                Advance();
            }

            private void Expect(TokenKind kind, string what)
            {
                if (Current.Kind != kind)
                {
                    throw Error(Current, $"expected {what}, found {Current.Describe()}");
                }

                Advance();
            }

            private void ExpectEnd()
            {
                if (Current.Kind != TokenKind.End)
                {
                    throw Error(Current, $"unexpected {Current.Describe()}: one statement per line");
                }
            }

            private Token Peek(int offset) => _tokens[Math.Min(_position + offset, _tokens.Count - 1)];

            private void Advance()
            {
                if (_position < _tokens.Count - 1)
                {
                    _position++;
                }
            }

            private static bool IsKeyword(Token token, string keyword) => token.Kind == TokenKind.Identifier && token.Text == keyword;

            private static RelationOperator? RelationOf(TokenKind kind) => kind switch
            {
                TokenKind.LessOrEqual => RelationOperator.LessOrEqual,
                TokenKind.Less => RelationOperator.Less,
                TokenKind.EqualEqual => RelationOperator.Equal,
                TokenKind.NotEqual => RelationOperator.NotEqual,
                TokenKind.GreaterOrEqual => RelationOperator.GreaterOrEqual,
                TokenKind.Greater => RelationOperator.Greater,
                _ => null,
            };

            private static long HighestPowerOfTwoAtMost(long value)
            {
                long power = 1;
                while (power <= value / 2)
                {
                    power <<= 1;
                }

                return power;
            }

            private static LineErrorException Error(Token token, string message) => new LineErrorException(token.Column, message);
        }
    }
}
