#!/usr/bin/env python3
"""Writes a synthetic Onoma TSV glossary: N person concepts x 8 languages (en fr de es tr ru uk hy).

Names are built from real given names, middle names or initials and surnames of several origins (full names
rarely repeat, their words often do, as in a real glossary), then respelled per language the way
newspapers do (French ch/ou, German sch/j/w, Turkish s-cedilla, Russian and Ukrainian Cyrillic, Armenian), so the
normalizer meets realistic Latin, Cyrillic and Armenian text. Deterministic for a given N.

usage: generate-glossary.py CONCEPTS OUTPUT.tsv
"""
import random
import sys

GIVEN = """Nikol Ilham Vladimir Robert Serzh Levon Ruben Armen Tigran Aram Karen Davit Gagik Samvel Vardan
Mikhail Sergei Dmitri Alexei Boris Yuri Oleg Igor Pavel Andrei Ivan Nikolai Viktor Anatoly Gennady Arkady
Volodymyr Petro Leonid Yulia Oksana Natalia Tatiana Olga Irina Svetlana Anna Maria Elena Sofia Zara Lilit
Hasan Mehmet Ahmet Mustafa Recep Kemal Ali Emine Aylin Elif Zeynep Murat Yusuf Ibrahim Osman Selim Kerim
Rashid Farid Kamal Jamil Nadir Zaur Elmar Ramiz Anar Tural Vugar Shahin Nijat Rovshan Ulvi Orkhan Parviz
Giorgi Zurab Shota Levan Irakli Davit Nino Tamar Mamuka Gocha Eduard Bidzina Salome Mikheil Vakhtang
John Michael David James Robert William Richard Thomas Charles Daniel Matthew Anthony Mark Steven Paul
Emmanuel Francois Jacques Pierre Jean Louis Marie Nicolas Laurent Olivier Philippe Michel Alain Bernard
Angela Olaf Friedrich Wolfgang Helmut Gerhard Frank Annalena Christian Markus Jurgen Horst Karl Heinz
Pedro Carlos Jose Juan Luis Miguel Javier Antonio Manuel Francisco Rafael Alejandro Fernando Sergio""".split()

SURNAME = """Pashinyan Aliyev Kocharyan Sargsyan Ter-Petrosyan Mirzoyan Grigoryan Avetisyan Hovhannisyan
Karapetyan Harutyunyan Petrosyan Vardanyan Khachatryan Simonyan Ghazaryan Manukyan Melkonyan Danielyan
Putin Lavrov Shoigu Medvedev Navalny Gorbachev Yeltsin Peskov Zakharova Volodin Mishustin Sobyanin Kadyrov
Zelensky Kuleba Poroshenko Tymoshenko Klitschko Yermak Reznikov Zaluzhny Shmyhal Stefanchuk Budanov Umerov
Erdogan Cavusoglu Fidan Akar Kilicdaroglu Imamoglu Davutoglu Babacan Soylu Bahceli Yildirim Gul Demirtas
Mammadov Hasanov Bayramov Huseynov Abbasov Guliyev Ismayilov Jafarov Rzayev Mustafayev Hajiyev Asadov
Saakashvili Kobakhidze Garibashvili Zourabichvili Ivanishvili Margvelashvili Shevardnadze Gamsakhurdia
Macron Hollande Sarkozy Chirac Mitterrand Borne Attal Barnier Castex Philippe Valls Ayrault Fillon Juppe
Merkel Scholz Schroeder Kohl Baerbock Steinmeier Habeck Lindner Pistorius Faeser Wagenknecht Merz Laschet
Sanchez Rajoy Zapatero Aznar Gonzalez Suarez Feijoo Abascal Iglesias Diaz Borrell Albares Robles Calvino
Blinken Biden Obama Trump Clinton Bush Kerry Pompeo Austin Sullivan Harris Pelosi Schumer McConnell""".split()

SUFFIXES = ["", "", "", "", "", "", "", "", "", "", "-Sr", "-Jr"]


def french(name):
    return (name.replace("sh", "ch").replace("Sh", "Ch").replace("kh", "kh").replace("yan", "ian")
            .replace("yev", "iev").replace("u", "ou").replace("Zelensky", "Zelensky").replace("ts", "ts"))


def german(name):
    return (name.replace("sh", "sch").replace("Sh", "Sch").replace("ch", "tsch").replace("y", "j")
            .replace("v", "w").replace("V", "W").replace("z", "s").replace("Z", "S").replace("kh", "ch"))


def spanish(name):
    return name.replace("sh", "sh").replace("zh", "sh").replace("kh", "j").replace("y", "i").replace("v", "v")


def turkish(name):
    return (name.replace("sh", "ş").replace("Sh", "Ş").replace("ch", "ç").replace("Ch", "Ç").replace("j", "c")
            .replace("kh", "h").replace("y", "y").replace("w", "v"))


CYRILLIC = [("shch", "щ"), ("sh", "ш"), ("ch", "ч"), ("zh", "ж"), ("kh", "х"), ("ts", "ц"), ("ya", "я"),
            ("yu", "ю"), ("ye", "е"), ("yo", "ё"), ("a", "а"), ("b", "б"), ("c", "к"), ("d", "д"), ("e", "е"),
            ("f", "ф"), ("g", "г"), ("h", "х"), ("i", "и"), ("j", "дж"), ("k", "к"), ("l", "л"), ("m", "м"),
            ("n", "н"), ("o", "о"), ("p", "п"), ("q", "к"), ("r", "р"), ("s", "с"), ("t", "т"), ("u", "у"),
            ("v", "в"), ("w", "в"), ("x", "кс"), ("y", "й"), ("z", "з"), ("-", "-")]
UKRAINIAN = [("y", "и"), ("i", "і"), ("ye", "є"), ("g", "г"), ("h", "г")]
ARMENIAN = [("sh", "շ"), ("ch", "չ"), ("zh", "ժ"), ("kh", "խ"), ("ts", "ց"), ("gh", "ղ"), ("yan", "յան"),
            ("a", "ա"), ("b", "բ"), ("c", "կ"), ("d", "դ"), ("e", "ե"), ("f", "ֆ"), ("g", "գ"), ("h", "հ"),
            ("i", "ի"), ("j", "ջ"), ("k", "կ"), ("l", "լ"), ("m", "մ"), ("n", "ն"), ("o", "ո"), ("p", "պ"),
            ("q", "ք"), ("r", "ր"), ("s", "ս"), ("t", "տ"), ("u", "ու"), ("v", "վ"), ("w", "վ"), ("x", "քս"),
            ("y", "յ"), ("z", "զ"), ("-", "-")]


CACHE = {}


def transliterate(name, table):
    return " ".join(transliterate_word(word, table) for word in name.split(" "))


def transliterate_word(word, table):
    key = (word, id(table))
    if key in CACHE:
        return CACHE[key]
    lower = word.lower()
    i = 0
    res = ""
    while i < len(lower):
        for latin, native in table:
            if lower.startswith(latin, i):
                res += native
                i += len(latin)
                break
        else:
            res += lower[i]
            i += 1
    CACHE[key] = res[:1].upper() + res[1:]
    return CACHE[key]


def main():
    count = int(sys.argv[1])
    path = sys.argv[2]
    rng = random.Random(42)
    ukrainian = UKRAINIAN + CYRILLIC
    rows = {}
    with open(path, "w", encoding="utf-8") as out:
        out.write("id\ttype\tdomain\tnote\ten\tfr\tde\tes\ttr\tru\tuk\thy\n")
        for n in range(count):
            given = rng.choice(GIVEN)
            surname = rng.choice(SURNAME) + rng.choice(SUFFIXES)
            # A middle name or initial for most people, so that full names rarely repeat (as in a real glossary),
            # while their words do.
            middle = rng.random()
            if middle < 0.35:
                name = f"{given} {surname}"
            elif middle < 0.65:
                name = f"{given} {rng.choice('ABCDEFGHIJKLMNOPRSTVZ')}. {surname}"
            else:
                name = f"{given} {rng.choice(GIVEN)} {surname}"
            row = rows.get(name)
            if row is None:
                row = "\t".join([name, french(name), german(name), spanish(name), turkish(name),
                                  transliterate(name, CYRILLIC), transliterate(name, ukrainian),
                                  transliterate(name, ARMENIAN)])
                rows[name] = row
            out.write(f"person-{n:07d}\tperson\tpolitics\t\t{row}\n")


if __name__ == "__main__":
    main()
