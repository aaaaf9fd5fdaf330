"""The sentences a draft is written in, per language, and how figures are spelled in them.

Every sentence a draft adds is here, once per language, as a template with named figures:
a counselor reading a Spanish draft sees the same facts as in the English one. O*NET's
own texts are not translated; `onet_english` is what a Spanish draft says about them.
"""

import math
import re
from dataclasses import dataclass
from functools import cache
from typing import Any

LANGUAGES = ("en", "es")

EN: dict[str, Any] = {
    "high_school": "High school",
    "high_school_years": "4 years",
    "high_school_detail": "Finish high school or earn a GED.",
    "entry_education": {
        "Postsecondary nondegree award": ("Certificate program", "A few weeks to 2 years"),
        "Some college, no degree": ("Some college", "Up to 2 years"),
        "Associate's degree": ("Associate's degree", "About 2 years"),
        "Bachelor's degree": ("Bachelor's degree", "About 4 years"),
        "Master's degree": ("Master's degree", "1-2 years after a bachelor's"),
        "Doctoral or professional degree": (
            "Doctoral or professional degree",
            "3-7 years after a bachelor's",
        ),
    },
    "bachelor_first": ("Bachelor's degree", "About 4 years"),
    "entry_detail": "What employers usually ask for to start (BLS).",
    "experience": "Work experience",
    "experience_detail": "In a related job, before this one. {most}",
    "on_the_job": "Training on the job",
    "apprenticeship": "Apprenticeship",
    "apprenticeship_detail": "Paid work while you learn the trade, usually with classes (BLS). ",
    "residency": "Internship or residency",
    "on_the_job_detail": "Learning while working. {most}",
    "on_site": "Classes at work",
    "on_site_detail": "Classes or training at the work site. {most}",
    "most_none": "Most workers ({share}) report none.",
    "most_up_to": "Most workers ({share}) report {high} or less.",
    "most_over": "Most workers ({share}) report over {low}.",
    "half_none": "Half of workers report none.",
    "half_up_to": "Half of workers report {high} or less.",
    "half_over": "Half of workers report over {low}.",
    "licence": "License",
    "licence_detail": "O*NET says: {text}",
    "none_needed": "None",
    "up_to": "Up to {amount}",
    "over": "Over {amount}",
    "range": "{low} to {high}",
    "units": {"month": "month", "months": "months", "year": "year", "years": "years"},
    "bls_experience": {
        "None": "Not needed to start",
        "Less than 5 years": "Under 5 years",
        "5 years or more": "5 years or more",
    },
    "bls_training": {
        "None": "Not usually needed",
        "Short-term on-the-job training": "Up to 1 month",
        "Moderate-term on-the-job training": "1 to 12 months",
        "Long-term on-the-job training": "Over 1 year",
        "Apprenticeship": "1 year or more",
        "Internship/residency": "Varies",
    },
    "bls_experience_detail": "In a related job, as employers usually ask (BLS).",
    "bls_training_detail": "Learning while working, as is usual (BLS).",
    "bls_no_experience_detail": "Employers usually hire without related work experience (BLS).",
    "bls_no_training_detail": "No long training on the job is usual once hired (BLS).",
    # pros and cons
    "pay_high": "Pays more than most jobs: the typical (median) pay is {pay} {per}, against {all} for all jobs in {place}.",
    "pay_low": "Pays less than most jobs: the typical (median) pay is {pay} {per}, against {all} for all jobs in {place}.",
    "growth_fast": "More jobs ahead: BLS expects the number of jobs to grow {change} from {base} to {end}, faster than the {total} for all jobs.",
    "growth_slow": "Slow job growth: BLS expects the number of jobs to grow {change} from {base} to {end}, slower than the {total} for all jobs.",
    "growth_fall": "Fewer jobs ahead: BLS expects the number of jobs to shrink {change} from {base} to {end}, while all jobs grow {total}.",
    "openings_many": "Many openings: about {openings} a year in the United States, more than most jobs (a typical job has about {typical}).",
    "openings_few": "Few openings: about {openings} a year in the United States, fewer than most jobs (a typical job has about {typical}).",
    "start_quick": "Quick to start: employers usually ask for {education}, and most workers ({share}) learn on the job in {time} or less.",
    "start_school": "Shorter schooling than many careers: employers usually ask for {education} ({time}).",
    "start_long": "Long preparation: employers usually ask for {education} ({time}).",
    "experience_long": "Experience first: {share} of workers report over {time} of related work before this job.",
    "training_long": "Long training: {share} of workers report over {time} of training on the job.",
    "style": "{text} (O*NET ranks {style} {rank} of {total} work styles for this job).",
    "education_names": {
        "No formal educational credential": "no diploma",
        "High school diploma or equivalent": "a high school diploma",
        "Postsecondary nondegree award": "a certificate after high school",
        "Some college, no degree": "some college",
        "Associate's degree": "an associate's degree",
        "Bachelor's degree": "a bachelor's degree",
        "Master's degree": "a master's degree",
        "Doctoral or professional degree": "a doctoral or professional degree",
    },
    # Work styles: (as a pro, as a con, "you might enjoy this if you ...", maybe not)
    "styles": {
        "Achievement/Effort": (
            "",
            "The job asks you to set hard goals and keep working to reach them",
            "set hard goals for yourself and work to reach them",
            "You like to take things easy",
        ),
        "Persistence": (
            "",
            "The job asks you to keep going when things get hard",
            "keep going when things get hard",
            "You give up when a task gets hard",
        ),
        "Initiative": (
            "Room to take on new tasks without waiting to be asked",
            "The job asks you to take on tasks without being told",
            "take on tasks without being asked",
            "",
        ),
        "Leadership": (
            "Chances to lead others and take charge",
            "The job asks you to take charge and guide others",
            "like taking charge and guiding others",
            "You would rather not be in charge of others",
        ),
        "Cooperation": (
            "Teamwork: you work closely with others",
            "The job asks you to get along with many kinds of people, every day",
            "get along with others and like teamwork",
            "You would rather work alone",
        ),
        "Concern for Others": (
            "Helping people is at the heart of the work",
            "The job asks you to care about other people's needs and feelings",
            "care about other people's feelings and needs",
            "Other people's problems wear you out",
        ),
        "Social Orientation": (
            "Lots of time with people",
            "The job asks you to work with people much of the day",
            "would rather work with people than alone",
            "You would rather work alone",
        ),
        "Self-Control": (
            "",
            "The job asks you to stay calm and polite, even with difficult people",
            "keep your temper, even when people are difficult",
            "You lose your temper easily",
        ),
        "Stress Tolerance": (
            "",
            "The job asks you to stay calm under pressure",
            "stay calm when things get hectic",
            "Stress and rush wear you out quickly",
        ),
        "Adaptability/Flexibility": (
            "",
            "The job asks you to handle change and surprises",
            "handle change and surprises well",
            "You want every day to go the same way",
        ),
        "Dependability": (
            "",
            "The job asks you to be reliable: on time, every time, and finishing what you start",
            "are someone people can count on",
            "You often run late or leave things unfinished",
        ),
        "Attention to Detail": (
            "",
            "The job asks you to be careful and thorough with every detail",
            "notice small mistakes and like getting details right",
            "Checking small details bores you",
        ),
        "Integrity": (
            "",
            "The job asks you to be honest and do the right thing, every time",
            "are honest and do the right thing when no one is watching",
            "",
        ),
        "Independence": (
            "Room to work your own way, without much supervision",
            "The job asks you to work on your own and guide yourself",
            "like working on your own without much supervision",
            "You would rather be told what to do",
        ),
        "Innovation": (
            "Room for new ideas and new ways of doing things",
            "The job asks you to come up with new ideas",
            "come up with new ideas and ways of doing things",
            "You would rather follow ways that are already set",
        ),
        "Analytical Thinking": (
            "Problems to think through, using facts and logic",
            "The job asks you to think problems through with facts and logic",
            "like thinking problems through logically",
            "You would rather not analyze facts and figures",
        ),
    },
    "style_names": {},
    # fit
    "interests": {
        "Realistic": (
            "like working with your hands, tools or machines",
            "You would rather not work with tools, machines or your hands",
        ),
        "Investigative": (
            "like solving problems by studying facts and ideas",
            "You would rather not spend your time studying problems",
        ),
        "Artistic": (
            "like creating things and expressing ideas",
            "You would rather not make or design things",
        ),
        "Social": (
            "like helping, teaching or caring for people",
            "You would rather not deal with people and their needs all day",
        ),
        "Enterprising": (
            "like leading people, persuading and making decisions",
            "You would rather not lead or persuade people",
        ),
        "Conventional": (
            "like clear rules, careful records and organized work",
            "You dislike routines, rules and paperwork",
        ),
    },
    "fit_item": "You {text}",
    # day
    "day_core": "Most workdays center on the job's core tasks. Besides those listed above, workers {tasks}.",
    "day_core_only": "Most workdays center on the job's core tasks, such as: {tasks}.",
    "day_more": " Some days also bring other tasks: {tasks}.",
    "task_join": "; ",
    "and": "and",
    "onet_english": "",
    # why it matters
    "why": "About {employed} people in the United States work in this job ({base}), and BLS expects about {openings} openings a year until {end}, as workers retire or move on and new jobs appear. Source: U.S. Bureau of Labor Statistics, Employment Projections {label}.",
    # skills, outlook, links
    "skills_note": "How much each skill matters in this job, from 0 to 100.",
    "short_credit": "Data from O*NET® (USDOL/ETA), used under CC BY 4.0 and changed by careerguide.",
    "outlook_change": "BLS expects the number of jobs to change by {change} from {base} to {end}; for all jobs the change is {total}.",
    "outlook_change_alone": "BLS expects the number of jobs to change by {change} from {base} to {end}.",
    "outlook_openings": "About {openings} openings a year are expected, most of them to replace workers who retire or move on.",
    "figures_group": "These figures are for the wider group {title}.",
    "figures_merged": "These figures are for {title}, which BLS counts together with this job.",
    "outlook_national": "These are national projections, not figures for {state}.",
    "no_pay": "BLS publishes no pay figures for this job.",
    "no_projection": "BLS publishes no projections for this job.",
    "national_mark": " (national)",
    "national": "national",
    # salary
    "per": {"year": "a year", "hour": "an hour"},
    "ends": {"low": "low", "median": "median", "high": "high"},
    "pay_where": "Pay in {place}{when}. Half of workers earn more than the median; most workers (8 in 10) earn between low and high.",
    "pay_hourly": "BLS publishes no yearly figures for this work, which is often not full-time or year-round: the median is {median} an hour.",
    "pay_top_coded": "The {name} figure is {amount} {per} or more: BLS publishes no exact figures above that.",
    "state_no_row": "BLS publishes no {state} figures for this job; these are national figures.",
    "state_top_coded": "BLS gives every {state} figure for this job only as {top} a year or more; these are national figures.",
    "state_unusable": "BLS publishes no usable {state} figures for this job; these are national figures.",
    "pay_state": "These are {state} figures, not national ones.",
    "pay_all_jobs": "For all jobs in {place}, the median is {median} {per}.",
    "pay_varies": "Pay varies with employer, place and experience.",
    "months": {},  # BLS's "May 2025" as it is
    # education
    "routes": {},
    "typical_entry": "Typical education to enter the job (BLS): {entry}.",
    "less_reliable": "O*NET marks this share as a less reliable estimate.",
    "demand_words": {
        "Much faster than average": "Much faster than average",
        "Faster than average": "Faster than average",
        "About as fast as average": "About as fast as average",
        "Slower than average": "Slower than average",
        "Declining": "Declining",
    },
    "plan_finish": "Finish high school or earn a GED",
    "plan_skills": "Practice {skills} in classes, clubs or a part-time job: the skills O*NET rates most important for this job",
    "plan_college": "Earn {education} ({time}), what employers usually ask for (BLS)",
    "plan_titles": "Search job ads for titles such as {titles} (O*NET)",
    "plan_starts": "Related jobs that need less preparation: {jobs} (O*NET)",
    "growth": "{change} by {end}",
    "zone_names": {},  # O*NET's own words (Job Zone Reference) are English
    "link_label": "{title} on O*NET OnLine",
    "nation": "the United States",
    "same_pay": "Same pay figures",
}

ES: dict[str, Any] = {
    "high_school": "Escuela secundaria",
    "high_school_years": "4 años",
    "high_school_detail": "Termina la secundaria (high school) o saca el GED.",
    "entry_education": {
        "Postsecondary nondegree award": ("Programa de certificado", "Unas semanas a 2 años"),
        "Some college, no degree": ("Algo de universidad", "Hasta 2 años"),
        "Associate's degree": ("Título técnico (associate)", "Unos 2 años"),
        "Bachelor's degree": ("Licenciatura (bachelor's)", "Unos 4 años"),
        "Master's degree": ("Maestría", "1-2 años tras la licenciatura"),
        "Doctoral or professional degree": (
            "Doctorado o título profesional",
            "3-7 años tras la licenciatura",
        ),
    },
    "bachelor_first": ("Licenciatura (bachelor's)", "Unos 4 años"),
    "entry_detail": "Lo que los empleadores suelen pedir para empezar (BLS).",
    "experience": "Experiencia laboral",
    "experience_detail": "En un trabajo relacionado, antes de este. {most}",
    "on_the_job": "Formación en el trabajo",
    "apprenticeship": "Aprendizaje (apprenticeship)",
    "apprenticeship_detail": "Trabajo pagado mientras aprendes el oficio, casi siempre con clases (BLS). ",
    "residency": "Prácticas o residencia",
    "on_the_job_detail": "Aprender trabajando. {most}",
    "on_site": "Clases en el trabajo",
    "on_site_detail": "Clases o formación en el lugar de trabajo. {most}",
    "most_none": "La mayoría de los trabajadores ({share}) dice que ninguna.",
    "most_up_to": "La mayoría de los trabajadores ({share}) dice {high} o menos.",
    "most_over": "La mayoría de los trabajadores ({share}) dice más de {low}.",
    "half_none": "La mitad de los trabajadores dice que ninguna.",
    "half_up_to": "La mitad de los trabajadores dice {high} o menos.",
    "half_over": "La mitad de los trabajadores dice más de {low}.",
    "licence": "Licencia",
    "licence_detail": "O*NET dice (en inglés): {text}",
    "none_needed": "Ninguna",
    "up_to": "Hasta {amount}",
    "over": "Más de {amount}",
    "range": "{low} a {high}",
    "units": {"month": "mes", "months": "meses", "year": "año", "years": "años"},
    "bls_experience": {
        "None": "No se necesita para empezar",
        "Less than 5 years": "Menos de 5 años",
        "5 years or more": "5 años o más",
    },
    "bls_training": {
        "None": "No suele hacer falta",
        "Short-term on-the-job training": "Hasta 1 mes",
        "Moderate-term on-the-job training": "1 a 12 meses",
        "Long-term on-the-job training": "Más de 1 año",
        "Apprenticeship": "1 año o más",
        "Internship/residency": "Varía",
    },
    "bls_experience_detail": "En un trabajo relacionado, como suelen pedir los empleadores (BLS).",
    "bls_training_detail": "Aprender trabajando, como es habitual (BLS).",
    "bls_no_experience_detail": "Los empleadores suelen contratar sin experiencia en un trabajo relacionado (BLS).",
    "bls_no_training_detail": "Una vez contratado, no suele haber una formación larga en el trabajo (BLS).",
    "pay_high": "Paga más que la mayoría de los empleos: el salario típico (mediana) es de {pay} {per}, frente a {all} para todos los empleos en {place}.",
    "pay_low": "Paga menos que la mayoría de los empleos: el salario típico (mediana) es de {pay} {per}, frente a {all} para todos los empleos en {place}.",
    "growth_fast": "Más empleos en el futuro: el BLS prevé que el número de empleos crezca un {change} de {base} a {end}, más rápido que el {total} de todos los empleos.",
    "growth_slow": "Crecimiento lento: el BLS prevé que el número de empleos crezca un {change} de {base} a {end}, más lento que el {total} de todos los empleos.",
    "growth_fall": "Menos empleos en el futuro: el BLS prevé que el número de empleos baje un {change} de {base} a {end}, mientras todos los empleos crecen un {total}.",
    "openings_many": "Muchas vacantes: unas {openings} al año en Estados Unidos, más que la mayoría de los empleos (uno típico tiene unas {typical}).",
    "openings_few": "Pocas vacantes: unas {openings} al año en Estados Unidos, menos que la mayoría de los empleos (uno típico tiene unas {typical}).",
    "start_quick": "Se empieza pronto: los empleadores suelen pedir {education}, y la mayoría de los trabajadores ({share}) aprende en el trabajo en {time} o menos.",
    "start_school": "Menos estudios que muchas carreras: los empleadores suelen pedir {education} ({time}).",
    "start_long": "Preparación larga: los empleadores suelen pedir {education} ({time}).",
    "experience_long": "Primero, experiencia: el {share} de los trabajadores dice tener más de {time} de trabajo relacionado antes de este.",
    "training_long": "Formación larga: el {share} de los trabajadores dice recibir más de {time} de formación en el trabajo.",
    "style": "{text} (O*NET pone «{style}» en el puesto {rank} de {total} estilos de trabajo para este empleo).",
    "education_names": {
        "No formal educational credential": "ningún diploma",
        "High school diploma or equivalent": "el diploma de secundaria",
        "Postsecondary nondegree award": "un certificado tras la secundaria",
        "Some college, no degree": "algo de universidad",
        "Associate's degree": "un título técnico o associate",
        "Bachelor's degree": "una licenciatura o bachelor's",
        "Master's degree": "una maestría",
        "Doctoral or professional degree": "un doctorado o título profesional",
    },
    "styles": {
        "Achievement/Effort": (
            "",
            "El trabajo te pide fijarte metas difíciles y esforzarte por alcanzarlas",
            "te fijas metas difíciles y trabajas para alcanzarlas",
            "Prefieres tomarte las cosas con calma",
        ),
        "Persistence": (
            "",
            "El trabajo te pide seguir adelante cuando las cosas se ponen difíciles",
            "sigues adelante cuando las cosas se ponen difíciles",
            "Te rindes cuando una tarea se complica",
        ),
        "Initiative": (
            "Espacio para asumir tareas nuevas sin esperar a que te lo pidan",
            "El trabajo te pide asumir tareas sin que te lo digan",
            "asumes tareas sin que te lo pidan",
            "",
        ),
        "Leadership": (
            "Oportunidades de dirigir y tomar el mando",
            "El trabajo te pide tomar el mando y guiar a otros",
            "te gusta tomar el mando y guiar a otros",
            "Prefieres no estar a cargo de otras personas",
        ),
        "Cooperation": (
            "Trabajo en equipo: colaboras de cerca con otras personas",
            "El trabajo te pide llevarte bien con todo tipo de personas, cada día",
            "te llevas bien con los demás y te gusta trabajar en equipo",
            "Prefieres trabajar solo/a",
        ),
        "Concern for Others": (
            "Ayudar a la gente es el centro del trabajo",
            "El trabajo te pide preocuparte por las necesidades y sentimientos de los demás",
            "te importan los sentimientos y necesidades de los demás",
            "Los problemas de otras personas te agotan",
        ),
        "Social Orientation": (
            "Mucho tiempo con otras personas",
            "El trabajo te pide tratar con gente gran parte del día",
            "prefieres trabajar con gente que solo/a",
            "Prefieres trabajar solo/a",
        ),
        "Self-Control": (
            "",
            "El trabajo te pide mantener la calma y la cortesía, incluso con gente difícil",
            "mantienes la calma, incluso con gente difícil",
            "Pierdes la paciencia con facilidad",
        ),
        "Stress Tolerance": (
            "",
            "El trabajo te pide mantener la calma bajo presión",
            "mantienes la calma cuando hay mucho ajetreo",
            "El estrés y las prisas te agotan pronto",
        ),
        "Adaptability/Flexibility": (
            "",
            "El trabajo te pide adaptarte a cambios y sorpresas",
            "te adaptas bien a los cambios y las sorpresas",
            "Quieres que todos los días sean iguales",
        ),
        "Dependability": (
            "",
            "El trabajo te pide ser de fiar: puntual siempre y terminando lo que empiezas",
            "eres alguien con quien se puede contar",
            "Sueles llegar tarde o dejar cosas sin terminar",
        ),
        "Attention to Detail": (
            "",
            "El trabajo te pide ser cuidadoso/a y minucioso/a con cada detalle",
            "notas los pequeños errores y te gusta hacer las cosas bien",
            "Revisar detalles pequeños te aburre",
        ),
        "Integrity": (
            "",
            "El trabajo te pide ser honesto/a y hacer lo correcto, siempre",
            "eres honesto/a y haces lo correcto aunque nadie te vea",
            "",
        ),
        "Independence": (
            "Libertad para trabajar a tu manera, sin mucha supervisión",
            "El trabajo te pide trabajar por tu cuenta y organizarte solo/a",
            "te gusta trabajar por tu cuenta sin mucha supervisión",
            "Prefieres que te digan qué hacer",
        ),
        "Innovation": (
            "Espacio para ideas nuevas y nuevas formas de hacer las cosas",
            "El trabajo te pide tener ideas nuevas",
            "se te ocurren ideas y formas nuevas de hacer las cosas",
            "Prefieres seguir formas ya establecidas",
        ),
        "Analytical Thinking": (
            "Problemas que pensar con datos y lógica",
            "El trabajo te pide pensar los problemas con datos y lógica",
            "te gusta pensar los problemas con lógica",
            "Prefieres no analizar datos y cifras",
        ),
    },
    "style_names": {
        "Achievement/Effort": "logro y esfuerzo",
        "Persistence": "perseverancia",
        "Initiative": "iniciativa",
        "Leadership": "liderazgo",
        "Cooperation": "cooperación",
        "Concern for Others": "preocupación por los demás",
        "Social Orientation": "orientación social",
        "Self-Control": "autocontrol",
        "Stress Tolerance": "tolerancia al estrés",
        "Adaptability/Flexibility": "adaptabilidad y flexibilidad",
        "Dependability": "fiabilidad",
        "Attention to Detail": "atención al detalle",
        "Integrity": "integridad",
        "Independence": "independencia",
        "Innovation": "innovación",
        "Analytical Thinking": "pensamiento analítico",
    },
    "interests": {
        "Realistic": (
            "te gusta trabajar con las manos, herramientas o máquinas",
            "Prefieres no trabajar con herramientas, máquinas o con las manos",
        ),
        "Investigative": (
            "te gusta resolver problemas estudiando datos e ideas",
            "Prefieres no pasar el tiempo estudiando problemas",
        ),
        "Artistic": (
            "te gusta crear cosas y expresar ideas",
            "Prefieres no hacer ni diseñar cosas",
        ),
        "Social": (
            "te gusta ayudar, enseñar o cuidar a otras personas",
            "Prefieres no tratar con la gente y sus necesidades todo el día",
        ),
        "Enterprising": (
            "te gusta dirigir, convencer y tomar decisiones",
            "Prefieres no dirigir ni convencer a nadie",
        ),
        "Conventional": (
            "te gustan las reglas claras, los registros cuidadosos y el orden",
            "No te gustan las rutinas, las reglas ni el papeleo",
        ),
    },
    "fit_item": "{text}",
    "day_core": "La mayoría de los días giran en torno a las tareas centrales del trabajo. Además de las de arriba, quienes trabajan en esto (en inglés, como las publica O*NET): {tasks}.",
    "day_core_only": "La mayoría de los días giran en torno a las tareas centrales del trabajo, como estas (en inglés, como las publica O*NET): {tasks}.",
    "day_more": " Algunos días traen otras tareas: {tasks}.",
    "task_join": "; ",
    "and": "y",
    "onet_english": "*(Descripción y tareas en inglés, tal como las publica O\\*NET.)*",
    "why": "Unas {employed} personas trabajan en esto en Estados Unidos ({base}), y el BLS prevé unas {openings} vacantes al año hasta {end}, porque hay quienes se jubilan o cambian de trabajo y se crean empleos nuevos. Fuente: U.S. Bureau of Labor Statistics, Employment Projections {label}.",
    "skills_note": "Cuánto cuenta cada habilidad en este trabajo, de 0 a 100. Nombres en inglés, como los publica O*NET.",
    "short_credit": "Datos de O*NET® (USDOL/ETA), usados bajo la licencia CC BY 4.0 y modificados por careerguide.",
    "outlook_change": "El BLS prevé que el número de empleos cambie un {change} de {base} a {end}; para todos los empleos, el cambio es de {total}.",
    "outlook_change_alone": "El BLS prevé que el número de empleos cambie un {change} de {base} a {end}.",
    "outlook_openings": "Se esperan unas {openings} vacantes al año, la mayoría para reemplazar a quienes se jubilan o cambian de trabajo.",
    "figures_group": "Estas cifras son del grupo más amplio «{title}» (en inglés).",
    "figures_merged": "Estas cifras son de «{title}» (en inglés), que el BLS cuenta junto con este empleo.",
    "outlook_national": "Son proyecciones nacionales, no cifras de {state}.",
    "no_pay": "El BLS no publica cifras de salario para este empleo.",
    "no_projection": "El BLS no publica proyecciones para este empleo.",
    "national_mark": " (nacional)",
    "national": "nacional",
    "per": {"year": "al año", "hour": "por hora"},
    "ends": {"low": "baja", "median": "mediana", "high": "alta"},
    "pay_where": "Salarios en {place}{when}. La mitad de los trabajadores gana más que la mediana; la mayoría (8 de cada 10) gana entre la cifra baja y la alta.",
    "pay_hourly": "El BLS no publica cifras anuales para este trabajo, que a menudo no es a tiempo completo ni todo el año: la mediana es de {median} por hora.",
    "pay_top_coded": "La cifra {name} es de {amount} {per} o más: el BLS no publica cifras exactas por encima.",
    "state_no_row": "El BLS no publica cifras de {state} para este empleo; estas son cifras nacionales.",
    "state_top_coded": "El BLS da cada cifra de {state} para este empleo solo como {top} al año o más; estas son cifras nacionales.",
    "state_unusable": "El BLS no publica cifras utilizables de {state} para este empleo; estas son cifras nacionales.",
    "pay_state": "Son cifras de {state}, no nacionales.",
    "pay_all_jobs": "Para todos los empleos en {place}, la mediana es de {median} {per}.",
    "pay_varies": "El salario varía según el empleador, el lugar y la experiencia.",
    "months": {
        "January": "enero",
        "February": "febrero",
        "March": "marzo",
        "April": "abril",
        "May": "mayo",
        "June": "junio",
        "July": "julio",
        "August": "agosto",
        "September": "septiembre",
        "October": "octubre",
        "November": "noviembre",
        "December": "diciembre",
    },
    "routes": {
        "High school or less": "Secundaria o menos",
        "Certificate or some college": "Certificado o algo de universidad",
        "Associate's degree": "Título técnico (associate)",
        "Bachelor's degree": "Licenciatura (bachelor's)",
        "Master's degree": "Maestría",
        "Doctoral or professional degree": "Doctorado o título profesional",
    },
    "typical_entry": "Educación típica para empezar en este trabajo (BLS): {education}.",
    "less_reliable": "O*NET marca esta proporción como una estimación menos fiable.",
    "demand_words": {
        "Much faster than average": "Mucho más rápido que el promedio",
        "Faster than average": "Más rápido que el promedio",
        "About as fast as average": "Como el promedio",
        "Slower than average": "Más lento que el promedio",
        "Declining": "En descenso",
    },
    "plan_finish": "Termina la secundaria o saca el GED",
    "plan_skills": "Practica en clases, clubes o un trabajo de medio tiempo las habilidades que O*NET considera más importantes para este trabajo (en inglés): {skills}",
    "plan_college": "Obtén {education} ({time}), lo que suelen pedir los empleadores (BLS)",
    "plan_titles": "Busca ofertas con títulos como {titles} (O*NET, en inglés)",
    "plan_starts": "Trabajos relacionados que piden menos preparación: {jobs} (O*NET, en inglés)",
    "growth": "{change} hasta {end}",
    "zone_names": {
        1: "Poca o ninguna preparación",
        2: "Algo de preparación",
        3: "Preparación media",
        4: "Bastante preparación",
        5: "Mucha preparación",
    },
    "link_label": "{title} en O*NET OnLine (en inglés)",
    "nation": "Estados Unidos",
    "same_pay": "Mismas cifras de salario",
}

PHRASES = {"en": EN, "es": ES}


def half_up(value: float) -> int:
    """`value` rounded to a whole number, halves up (62.5 -> 63) as people round, not to even
    as Python's `round` does (62.5 -> 62); float error past 9 decimals is dropped first."""
    return math.floor(round(value, 9) + 0.5)


@dataclass(frozen=True)
class Words:
    """One language's sentences and its way of writing figures."""

    language: str
    phrases: dict[str, Any]
    locale: str
    money_format: Any  # (amount, currency) -> "$37,390"

    def __call__(self, key: str, **figures: object) -> str:
        return str(self.phrases[key]).format(**figures)

    def __getitem__(self, key: str) -> Any:
        return self.phrases[key]

    def number(self, value: float) -> str:
        """A whole number with the language's thousands separator."""
        from babel.numbers import format_decimal

        return str(format_decimal(half_up(value), locale=self.locale))

    def money(self, value: float, per: str = "year") -> str:
        """Whole dollars (halves up) for yearly pay; dollars and cents for hourly pay."""
        if per == "hour":
            from babel.numbers import format_currency

            return str(format_currency(value, "USD", locale=self.locale))
        return str(self.money_format(half_up(value), "USD"))

    @staticmethod
    def change(value: float) -> str:
        """A percent change with its sign and one decimal, as BLS prints it: +5.2%."""
        return f"{value:+.1f}%"

    @staticmethod
    def percent(value: float) -> str:
        """A percent in running text, one decimal, signed only when negative: 14.9%."""
        return f"{value:.1f}%"

    @staticmethod
    def share(value: float) -> str:
        """A share of workers, whole percent: 28%."""
        return f"{value:.0f}%"

    def month(self, release: str) -> str:
        """BLS's "May 2025" in the language: "mayo de 2025"; any other text as it is."""
        found = re.fullmatch(r"(\w+) (\d{4})", release)
        if found and found[1] in self.phrases["months"]:
            return f"{self.phrases['months'][found[1]]} de {found[2]}"
        return release

    def style(self, name: str) -> str:
        """A work style's name in running text: O*NET's in English, lower case."""
        return self.phrases["style_names"].get(name) or name.lower()


@cache
def words(language: str) -> Words:
    """The `Words` of a language (`en`, `es`), with Babel's number formats for its locale."""
    from ...core.labels import formatters, labels

    locale = labels(language)["locale"]
    return Words(language, PHRASES[language], locale, formatters(locale)["money"])


def duration(category: str, w: Words) -> str:
    """O*NET's category wording as a short span: "Over 1 year, up to and including 2 years"
    -> "1 to 2 years"; "Up to and including 1 month" -> "Up to 1 month"."""
    amounts = re.findall(r"(\d+) (months?|years?)", category)
    spelled = [f"{n} {w['units'][unit]}" for n, unit in amounts]
    if not spelled:
        return str(w["none_needed"])
    if len(spelled) == 1:
        return w("over" if category.startswith("Over") else "up_to", amount=spelled[0])
    (low, low_unit), (_, high_unit) = amounts[:2]
    if low_unit.rstrip("s") == high_unit.rstrip("s"):
        return w("range", low=low, high=spelled[1])
    return w("range", low=spelled[0], high=spelled[1])


def bounds(category: str, w: Words) -> tuple[str, str]:
    """(lower, upper) ends of O*NET's category wording, each "" when open: "Over 1 year, up
    to and including 2 years" -> ("1 year", "2 years"); "Over 10 years" -> ("10 years", "")."""
    amounts = [
        f"{n} {w['units'][unit]}" for n, unit in re.findall(r"(\d+) (months?|years?)", category)
    ]
    if category.startswith("Over") and amounts:
        return amounts[0], amounts[1] if len(amounts) > 1 else ""
    return "", amounts[-1] if amounts else ""


def lower_first(task: str) -> str:
    """A task as the middle of a sentence: first letter lower case (unless an acronym), no
    closing period."""
    task = task.strip().rstrip(".")
    if len(task) > 1 and task[1].isupper():
        return task
    return task[:1].lower() + task[1:]
