using System.Collections.Generic;
using System.Globalization;

namespace FlashRnn.ConstrInt
{
    /// <summary>An error in a problem text, at a 1-based line and column.</summary>
    public sealed class ParseError
    {
        internal ParseError(int line, int column, string message)
        {
            Line = line;
            Column = column;
            Message = message;
        }

        /// <summary>1-based line number.</summary>
        public int Line { get; }

        /// <summary>1-based column number.</summary>
        public int Column { get; }

        /// <summary>What is wrong and what to write instead.</summary>
        public string Message { get; }

        /// <summary><c>line:column: message</c>.</summary>
        public override string ToString() =>
            Line.ToString(CultureInfo.InvariantCulture) + ":" + Column.ToString(CultureInfo.InvariantCulture) + ": " + Message;
    }

    /// <summary>The outcome of <see cref="ProblemParser.Parse"/>: a problem, or the errors that prevented one.</summary>
    public sealed class ParseResult
    {
        internal ParseResult(Problem? problem, IReadOnlyList<ParseError> errors)
        {
            Problem = problem;
            Errors = errors;
        }

        /// <summary>The parsed problem; null when there were errors.</summary>
        public Problem? Problem { get; }

        /// <summary>Every error found, in line order (each line reports at most one).</summary>
        public IReadOnlyList<ParseError> Errors { get; }

        /// <summary>True when the text parsed without errors.</summary>
        public bool Succeeded => Problem is not null;
    }
}
