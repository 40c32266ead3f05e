// Builds lib/auth/common-passwords.txt: the passwords sign-up, reset and change refuse.
// Run: node scripts/generate-common-passwords.mjs
//
// Origin, honestly: this machine has no internet and no package in node_modules ships a password
// list, so the list is assembled offline. TOP holds passwords that head the widely published
// "most common passwords" lists (as remembered, not copied from a file); the rest is generated from
// the patterns those lists are made of: common words and names with digit, year and symbol
// suffixes, keyboard walks, repeated and sequential digits, and dates. Entries are lowercase; the
// check lowercases what it compares. Replace with a published list (e.g. a breach-derived top 100k)
// when one can be shipped.
import { writeFileSync } from 'node:fs';
import path from 'node:path';

const TOP = `
123456 password 12345678 qwerty 123456789 12345 1234 111111 1234567 dragon 123123 baseball abc123
football monkey letmein 696969 shadow master 666666 qwertyuiop 123321 mustang 1234567890 michael
654321 superman 1qaz2wsx 7777777 121212 000000 qazwsx 123qwe killer trustno1 jordan jennifer zxcvbnm
asdfgh hunter buster soccer harley batman andrew tigger sunshine iloveyou 2000 charlie robert thomas
hockey ranger daniel starwars klaster 112233 george computer michelle jessica pepper 1111 zxcvbn
555555 11111111 131313 freedom 777777 pass maggie 159753 aaaaaa ginger princess joshua cheese amanda
summer love ashley nicole chelsea biteme matthew access yankees 987654321 dallas austin thunder taylor
matrix mobilemail mom monitor monitoring montana moon moscow passw0rd p@ssw0rd p@ssword password1
password12 password123 password1234 passw0rd1 welcome welcome1 welcome123 admin admin123 administrator
root toor login abc12345 qwerty123 qwerty1 qwerty12 1q2w3e4r 1q2w3e4r5t 1q2w3e 1q2w3e4r5t6y zaq12wsx
zaq1zaq1 zaq1xsw2 !qaz2wsx 1qazxsw2 qwe123 qweasd qweasdzxc asdfghjkl asdf1234 asdfasdf qwerasdf
iloveyou1 iloveyou2 princess1 sunshine1 football1 baseball1 monkey1 dragon1 shadow1 master1 michael1
superman1 batman1 charlie1 letmein1 trustno1 starwars1 whatever qazwsxedc 1234qwer qwer1234 q1w2e3r4
q1w2e3r4t5 a1b2c3d4 aa123456 abcd1234 abcdef abcdefg abcdefgh abcdefghi 1a2b3c4d 123abc 123456a
123456q a123456 a12345678 q123456 qwerty12345 1234abcd 12qwaszx 1qaz2wsx3edc 123654 123654789
147258369 147258 159357 741852963 963852741 789456123 789456 456789 987654 9876543210 0987654321
11112222 12121212 12344321 123456789a 1234554321 11223344 12341234 13579 135792468 24682468
11111 111111111 1111111111 22222222 33333333 44444444 55555555 66666666 77777777 88888888
99999999 00000000 0000000000 123123123 456456 789789 147147 258258 369369 159159 112358 1123581321
football123 baseball123 soccer123 hockey1 jordan23 jordan1 michael23 lakers24 kobe24 lebron23
computer1 internet secret secret1 secret123 changeme changeme1 default guest guest123 test test123
test1234 testing testing123 temp temp123 temppass 1234test demo demo123 user user123 pass123 pass1234
passpass password! password1! password2 password3 password01 password11 password99 password2020
password2021 password2022 password2023 password2024 password2025 qwerty! qwerty1! iloveyou!
blink182 pokemon pikachu naruto sasuke minecraft fortnite roblox cookie chocolate cocacola pepsi
starbucks mcdonalds google facebook youtube twitter instagram linkedin microsoft apple samsung
nintendo playstation xbox360 snoopy garfield mickey mickeymouse disney hellokitty spiderman
ironman avengers marvel pokemon1 liverpool arsenal manchester chelsea1 barcelona realmadrid juventus
ferrari porsche mercedes corvette camaro harley1 yamaha kawasaki honda toyota nissan hondacivic
trustme letmein123 letmein! opensesame sesame abracadabra alohomora hogwarts gandalf frodo
zxcvbnm1 zxcvbnm123 asdfghjk qwertyui qwertyu asdfgh1 zxcvbn1 1qaz1qaz 2wsx3edc 3edc4rfv 4rfv5tgb
qazxswedc poiuytrewq lkjhgfdsa mnbvcxz mnbvcxz1 0okm9ijn 1qazse4 7ujm8ik9 qwertz qwertz123 azerty
azerty123 azertyuiop aqwzsx aqwzsxedc 1234qwerasdf q1w2e3 q1w2e3r4t5y6 1q1q1q1q 1a1a1a1a
a1a1a1a1 a1s2d3f4 z1x2c3v4 zaqwsx ZAQ!2wsx qweqwe qweqweqwe asdasd asdasdasd zxczxc 123qweasd
123qweasdzxc 1qw23e 1qa2ws3ed qwe123qwe qwe12345 asd123 zxc123 zxcv1234 qwerty1234 qwertyuiop123
sunshine123 princess123 monkey123 dragon123 shadow123 master123 superman123 batman123 charlie123
michael123 jordan123 jessica1 jennifer1 ashley1 amanda1 nicole1 daniel1 andrew1 joshua1 matthew1
thomas1 robert1 hunter1 buster1 tigger1 ginger1 pepper1 maggie1 summer1 freedom1 cheese1 hello
hello123 hello1 helloworld hello1234 goodbye iloveu iloveyou123 loveyou lovely lovelove loveme
love123 love1234 mylove forever forever1 babygirl babygirl1 angel angel1 angels baby baby123
sweetheart sweetie honey honey123 darling beautiful butterfly flower flowers rainbow purple
orange yellow silver golden diamond crystal sparkle unicorn dolphin tiger lion eagle falcon phoenix
wolf wolves panther jaguar cobra viper dragonfly scorpion spider shark whale bear teddybear
qwerty7 qwerty8 qwerty9 aaaaaaaa aaaaaaa bbbbbbbb cccccccc dddddddd zzzzzzzz xxxxxxxx qqqqqqqq
asdf qwer zxcv 1q2w3e4r5 1234567a 12345678a 12345qwert 12345qwerty qwerty123456 1234512345
password0 p4ssw0rd passw0rd! pa55word pa55w0rd passwort motdepasse contraseña contrasena senha
parola salasana wachtwoord haslo lozinka jelszo heslo sifre kennwort geheim geheim123 azerty1
soleil bonjour doudou chouchou loulou nounours marseille ciao amore tesoro juventus1 napoli
mexico brasil argentina colombia peru chile espana portugal italia france deutschland germany
england london paris berlin madrid tokyo seoul korea japan china india russia canada america usa
newyork chicago boston texas california florida miami dallas1 houston phoenix1 denver seattle
`;

// Words people build passwords from: names, pets, sports, places, things, feelings.
const WORDS = `
password pass admin welcome letmein qwerty dragon monkey shadow master sunshine princess football
baseball soccer hockey basketball tennis golf jordan michael jennifer jessica ashley amanda nicole
daniel andrew joshua matthew thomas robert charlie hunter buster tigger ginger pepper maggie summer
winter spring autumn freedom cheese love angel baby honey flower rainbow purple orange silver
golden diamond crystal tiger lion eagle falcon phoenix wolf panther cobra spider shark bear
batman superman spiderman ironman pokemon pikachu naruto minecraft starwars matrix ninja pirate
killer hacker gamer player legend hero king queen prince princess knight warrior samurai
dragon1 computer internet google apple samsung nokia iphone android windows linux ubuntu
liverpool arsenal chelsea manchester barcelona madrid juventus lakers yankees cowboys steelers
packers eagles patriots raiders dolphins bulls celtics warriors giants dodgers redsox
mustang ferrari porsche corvette bmw audi mercedes honda toyota ford chevy harley yamaha
london paris berlin tokyo seoul busan korea japan china canada america texas florida
james john david richard joseph william christopher mark paul steven kevin brian george edward
jason ryan jacob gary nicholas eric jonathan stephen larry justin scott brandon benjamin samuel
gregory alexander patrick frank raymond jack dennis jerry tyler aaron jose adam henry nathan
douglas zachary peter kyle walter ethan jeremy harold keith christian roger noah gerald carl
terry sean austin arthur lawrence jesse dylan bryan joe jordan billy bruce albert willie gabriel
logan alan juan wayne roy ralph randy eugene vincent russell elijah louis bobby philip johnny
mary patricia linda barbara elizabeth susan margaret sarah karen lisa nancy betty sandra
donna carol ruth sharon michelle laura kimberly deborah melissa stephanie rebecca emily
cynthia kathleen amy angela shirley anna brenda pamela emma samantha katherine christine
debra rachel carolyn janet catherine maria heather diane julie joyce victoria olivia kelly
christina lauren joan evelyn judith megan andrea cheryl hannah jacqueline martha gloria
teresa sara madison frances kathryn janice jean abigail alice judy sophia grace denise amber
doris marilyn danielle beverly isabella theresa diana natalie brittany charlotte marie kayla
alexis lori minsu jisoo jihoon minji seojun jiwoo haneul sarang saranghae
buddy max bella lucy daisy molly bailey sadie rocky duke coco lucky oscar toby jack milo
chloe sophie zoe lily luna simba nala oreo peanut cookie muffin cupcake pumpkin sugar candy
chocolate coffee pizza banana apple cherry strawberry lemon mango peach
money cash dollar million rich success power energy magic secret hidden private
family friends friend forever happy smile music guitar piano rock metal punk jazz dance
jesus christ god lord faith grace heaven angel blessed church bible amen
hello welcome goodbye nothing whatever something anything everything
summer2020 winter2020 spring2020 autumn2020 fall
blue red green black white pink brown gray grey
one two three four five six seven eight nine ten
monday tuesday wednesday thursday friday saturday sunday
january february march april may june july august september october november december
`;

const SUFFIXES = ['', '1', '2', '3', '7', '9', '10', '11', '12', '13', '21', '22', '23', '69', '77', '88', '99', '007', '01', '123', '1234', '12345', '123456', '321', '!', '1!', '123!', '@123', '#1', '!!', '.', '*'];
const YEARS = Array.from({ length: 2026 - 1970 }, (_, i) => 1970 + i);

const entries = new Set();
const add = (value) => {
  const lower = value.trim().toLowerCase();
  if (lower) entries.add(lower);
};

for (const word of TOP.split(/\s+/)) add(word);
const words = [...new Set(WORDS.split(/\s+/).filter(Boolean))];
for (const word of words) {
  for (const suffix of SUFFIXES) add(word + suffix);
  for (const year of YEARS) {
    add(`${word}${year}`);
    add(`${word}${String(year).slice(2)}`);
  }
  add(`${word}${word}`);
  add(`my${word}`);
  add(`i love ${word}`.replaceAll(' ', ''));
  add(`${word}@2024`);
  add(`${word}@2025`);
  add(word.replace(/a/g, '@').replace(/o/g, '0').replace(/e/g, '3').replace(/i/g, '1').replace(/s/g, '$'));
}

// Keyboard walks and their prefixes.
for (const row of ['qwertyuiop', 'asdfghjkl', 'zxcvbnm', '1234567890', 'poiuytrewq', '0987654321', 'qazwsxedcrfvtgbyhnujmikolp', '1qaz2wsx3edc4rfv5tgb6yhn', 'zaq12wsxcde34rfvbgt56yhn']) {
  for (let length = 4; length <= row.length; length++) add(row.slice(0, length));
}
// Repeated and sequential digits, and dates.
for (let digit = 0; digit <= 9; digit++) for (let length = 4; length <= 12; length++) add(String(digit).repeat(length));
for (let start = 0; start <= 9; start++) {
  let up = '';
  let down = '';
  for (let k = 0; k < 12; k++) {
    up += (start + k) % 10;
    down += (start - k + 100) % 10;
    if (up.length >= 4) {
      add(up);
      add(down);
    }
  }
}
for (const year of YEARS) {
  add(String(year));
  for (let month = 1; month <= 12; month++) {
    const mm = String(month).padStart(2, '0');
    add(`${mm}01${year}`);
    add(`01${mm}${year}`);
    add(`${year}${mm}01`);
  }
}

const header = [
  '# Common passwords refused by the password policy (lib/validation/fields.ts, passwordSchema).',
  '# Generated by scripts/generate-common-passwords.mjs, which says where the entries come from.',
  '# One lowercase entry per line; lines starting with # are comments.',
];
const list = [...entries].sort();
const target = path.join(import.meta.dirname, '..', 'lib', 'auth', 'common-passwords.txt');
writeFileSync(target, `${header.join('\n')}\n${list.join('\n')}\n`);
console.log(`${list.length} entries (${list.filter((entry) => entry.length >= 8).length} of 8+ characters) written to ${path.relative(process.cwd(), target)}`);
