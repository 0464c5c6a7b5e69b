using System;
using System.Collections.Generic;

namespace FlashRnn.ConstrInt
{
    /// <summary>Identifier and keyword rules shared by the model and the text format.</summary>
    internal static class Identifiers
    {
        private static readonly HashSet<string> Keywords = new HashSet<string>(StringComparer.Ordinal)
        {
            "var", "const", "let", "in", "pow2", "prefer", "low", "high", "minimize", "maximize", "divides", "min", "max",
        };

        public static bool IsKeyword(string name) => Keywords.Contains(name);

        public static bool IsIdentifierStart(char c) => c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');

        public static bool IsIdentifierPart(char c) => IsIdentifierStart(c) || (c >= '0' && c <= '9');

        public static bool IsIdentifier(string? name)
        {
            if (string.IsNullOrEmpty(name) || !IsIdentifierStart(name![0]))
            {
                return false;
            }

            for (int i = 1; i < name.Length; i++)
            {
                if (!IsIdentifierPart(name[i]))
                {
                    return false;
                }
            }

            return true;
        }
    }
}
