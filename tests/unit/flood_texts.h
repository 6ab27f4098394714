/*
 * flood_texts: four English news texts the cluster and engine tests share
 * (written for the tests, not from any corpus).
 */
#ifndef SL_TEST_FLOOD_TEXTS_H
#define SL_TEST_FLOOD_TEXTS_H

/* Two reports of one flood visit, a report of another flood visit by the
 * same leader eight years later, and an unrelated football match. */
static const char *const A1 =
    "Chancellor Angela Merkel visited flooded Dresden on Tuesday and promised federal aid "
    "to Saxony. Merkel toured the Elbe embankments with Saxony premier Stanislaw Tillich, "
    "where soldiers stacked sandbags as the river rose past eight metres. Merkel said the "
    "government would release 100 million euros in emergency help for families whose "
    "homes were flooded. Tillich said the Elbe crest was expected in Dresden on Thursday "
    "and thousands of residents had been evacuated from Pirna and Meissen.";
static const char *const A2 =
    "German Chancellor Angela Merkel promised 100 million euros of federal aid during a "
    "visit to Dresden, where the Elbe flood forced thousands from their homes. Standing on "
    "an embankment with Saxony premier Stanislaw Tillich, Merkel thanked the soldiers and "
    "volunteers filling sandbags. The Elbe was expected to crest in Dresden on Thursday, "
    "Tillich said, after evacuations in Pirna and Meissen.";
static const char *const C1 =
    "Chancellor Angela Merkel visited the flooded Ahr valley in Rhineland-Palatinate on "
    "Sunday and promised federal aid to rebuild. Merkel walked through the ruined village "
    "of Schuld with state premier Malu Dreyer, where the Ahr river swept away houses and "
    "bridges. Merkel said the government would approve emergency help for families who lost "
    "their homes. Dreyer said rescuers were still searching for the missing in Ahrweiler.";
static const char *const B1 =
    "Liverpool beat Tottenham 2-0 in the Champions League final in Madrid on Saturday. "
    "Mohamed Salah scored a penalty in the second minute and Divock Origi added a second "
    "late in the match at the Wanda Metropolitano. Jurgen Klopp lifted his first trophy as "
    "Liverpool manager while Mauricio Pochettino said Tottenham had been unlucky. Thousands "
    "of fans celebrated in Madrid and on the streets of Liverpool.";

#endif
