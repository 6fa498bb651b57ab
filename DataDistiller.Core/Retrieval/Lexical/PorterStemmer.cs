using System.Text;

namespace DataDistiller.Core.Retrieval.Lexical;

/// <summary>
/// Martin Porter's 1980 stemmer with the two departures of his reference C code ("bli" → "ble", "logi" → "log"),
/// the variant SQLite's FTS5 <c>porter</c> tokenizer implements, so the Qdrant leg stems exactly like the embedded one.
/// Like FTS5 it works on UTF-8 bytes (a non-ASCII letter counts as consonants), and words shorter than 3 or longer
/// than 64 bytes pass through.
/// </summary>
public static class PorterStemmer
{
    private const int MaxLength = 64;

    /// <summary>The stem of a lower-case word.</summary>
    public static string Stem(string word)
    {
        ArgumentNullException.ThrowIfNull(word);
        var bytes = Encoding.UTF8.GetBytes(word);
        if (bytes.Length < 3 || bytes.Length > MaxLength)
        {
            return word;
        }

        var stem = new Word(bytes);
        stem.Step1Ab();
        stem.Step1C();
        stem.Step2();
        stem.Step3();
        stem.Step4();
        stem.Step5();
        return stem.ToString();
    }

    // b[0..k] is the word being stemmed; j marks the end of the stem before the suffix last matched by Ends.
    private sealed class Word(byte[] b)
    {
        private int _k = b.Length - 1;
        private int _j;

        public override string ToString() => Encoding.UTF8.GetString(b, 0, _k + 1);

        public void Step1Ab()
        {
            if (b[_k] == 's')
            {
                if (Ends("sses"))
                {
                    _k -= 2;
                }
                else if (Ends("ies"))
                {
                    SetTo("i");
                }
                else if (b[_k - 1] != 's')
                {
                    _k--;
                }
            }

            if (Ends("eed"))
            {
                if (Measure() > 0)
                {
                    _k--;
                }
            }
            else if ((Ends("ed") || Ends("ing")) && VowelInStem())
            {
                _k = _j;
                if (Ends("at"))
                {
                    SetTo("ate");
                }
                else if (Ends("bl"))
                {
                    SetTo("ble");
                }
                else if (Ends("iz"))
                {
                    SetTo("ize");
                }
                else if (DoubleConsonant(_k))
                {
                    if ((char)b[_k] is not ('l' or 's' or 'z'))
                    {
                        _k--;
                    }
                }
                else if (Measure() == 1 && Cvc(_k))
                {
                    SetTo("e");
                }
            }
        }

        public void Step1C()
        {
            if (Ends("y") && VowelInStem())
            {
                b[_k] = (byte)'i';
            }
        }

        public void Step2()
        {
            if (_k < 1)
            {
                return;
            }

            _ = (char)b[_k - 1] switch
            {
                'a' => Replace("ational", "ate") || Replace("tional", "tion"),
                'c' => Replace("enci", "ence") || Replace("anci", "ance"),
                'e' => Replace("izer", "ize"),
                'g' => Replace("logi", "log"),
                'l' => Replace("bli", "ble") || Replace("alli", "al") || Replace("entli", "ent") || Replace("eli", "e") || Replace("ousli", "ous"),
                'o' => Replace("ization", "ize") || Replace("ation", "ate") || Replace("ator", "ate"),
                's' => Replace("alism", "al") || Replace("iveness", "ive") || Replace("fulness", "ful") || Replace("ousness", "ous"),
                't' => Replace("aliti", "al") || Replace("iviti", "ive") || Replace("biliti", "ble"),
                _ => false,
            };
        }

        public void Step3()
        {
            _ = (char)b[_k] switch
            {
                'e' => Replace("icate", "ic") || Replace("ative", string.Empty) || Replace("alize", "al"),
                'i' => Replace("iciti", "ic"),
                'l' => Replace("ical", "ic") || Replace("ful", string.Empty),
                's' => Replace("ness", string.Empty),
                _ => false,
            };
        }

        public void Step4()
        {
            if (_k < 1)
            {
                return;
            }

            var found = (char)b[_k - 1] switch
            {
                'a' => Ends("al"),
                'c' => Ends("ance") || Ends("ence"),
                'e' => Ends("er"),
                'i' => Ends("ic"),
                'l' => Ends("able") || Ends("ible"),
                'n' => Ends("ant") || Ends("ement") || Ends("ment") || Ends("ent"),
                'o' => (Ends("ion") && _j >= 0 && (char)b[_j] is 's' or 't') || Ends("ou"),
                's' => Ends("ism"),
                't' => Ends("ate") || Ends("iti"),
                'u' => Ends("ous"),
                'v' => Ends("ive"),
                'z' => Ends("ize"),
                _ => false,
            };
            if (found && Measure() > 1)
            {
                _k = _j;
            }
        }

        public void Step5()
        {
            _j = _k;
            if (b[_k] == 'e')
            {
                var m = Measure();
                if (m > 1 || (m == 1 && !Cvc(_k - 1)))
                {
                    _k--;
                }
            }

            if (b[_k] == 'l' && DoubleConsonant(_k) && Measure() > 1)
            {
                _k--;
            }
        }

        private bool IsConsonant(int i) => (char)b[i] switch
        {
            'a' or 'e' or 'i' or 'o' or 'u' => false,
            'y' => i == 0 || !IsConsonant(i - 1),
            _ => true,
        };

        // The number of vowel-consonant sequences in b[0.._j].
        private int Measure()
        {
            var n = 0;
            var i = 0;
            while (i <= _j && IsConsonant(i))
            {
                i++;
            }

            while (i <= _j)
            {
                while (i <= _j && !IsConsonant(i))
                {
                    i++;
                }

                if (i > _j)
                {
                    break;
                }

                n++;
                while (i <= _j && IsConsonant(i))
                {
                    i++;
                }
            }

            return n;
        }

        private bool VowelInStem()
        {
            for (var i = 0; i <= _j; i++)
            {
                if (!IsConsonant(i))
                {
                    return true;
                }
            }

            return false;
        }

        private bool DoubleConsonant(int i) => i >= 1 && b[i] == b[i - 1] && IsConsonant(i);

        // Consonant-vowel-consonant ending at i, the last consonant not w, x or y: "hop" but not "snow".
        private bool Cvc(int i) =>
            i >= 2 && IsConsonant(i) && !IsConsonant(i - 1) && IsConsonant(i - 2) && (char)b[i] is not ('w' or 'x' or 'y');

        private bool Ends(string suffix)
        {
            if (suffix.Length > _k + 1)
            {
                return false;
            }

            for (var i = 0; i < suffix.Length; i++)
            {
                if (b[_k - suffix.Length + 1 + i] != suffix[i])
                {
                    return false;
                }
            }

            _j = _k - suffix.Length;
            return true;
        }

        private void SetTo(string replacement)
        {
            Encoding.ASCII.GetBytes(replacement, b.AsSpan(_j + 1));
            _k = _j + replacement.Length;
        }

        // True when the suffix matched (even if the stem was too short to replace it), which ends the step.
        private bool Replace(string suffix, string replacement)
        {
            if (!Ends(suffix))
            {
                return false;
            }

            if (Measure() > 0)
            {
                SetTo(replacement);
            }

            return true;
        }
    }
}
