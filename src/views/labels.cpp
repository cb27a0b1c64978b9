#include <smstrack/views/labels.hpp>

#include "../text/quote_input.hpp"

#include <array>
#include <span>

SMSTRACK_BEGIN_NAMESPACE
namespace {

// One row per enumerator: its label in en, de, fr, it, es, nl (the order of `language`).
template <class E>
struct label_row {
  E value;
  std::array<std::string_view, language_count> text;
};

template <class E>
std::string_view find_label(std::span<const label_row<E>> rows, E value, language lang) noexcept {
  const auto column = static_cast<std::size_t>(lang);
  if (column >= language_count) return {};
  for (const label_row<E>& row : rows) {
    if (row.value == value) return row.text[column];
  }
  return {};
}

using ds = delivery_state;
constexpr label_row<ds> delivery_state_labels[] = {
    {ds::editing, {"Being edited", "In Bearbeitung", "En cours d'édition", "In modifica", "En edición", "Wordt bewerkt"}},
    {ds::targeting_pending, {"Targeting pending", "Zielgruppenbestimmung ausstehend", "Ciblage en attente", "Targeting in sospeso", "Segmentación pendiente", "Targeting in afwachting"}},
    {ds::counting, {"Counting", "Zählung", "Comptage", "Conteggio", "Recuento", "Tellen"}},
    {ds::arbitration, {"Arbitration", "Schlichtung", "Arbitrage", "Arbitraggio", "Arbitraje", "Arbitrage"}},
    {ds::target_ready, {"Target ready", "Zielgruppe bereit", "Cible prête", "Target pronto", "Objetivo listo", "Doelgroep gereed"}},
    {ds::personalization_pending, {"Personalization pending", "Personalisierung ausstehend", "Personnalisation en attente", "Personalizzazione in sospeso", "Personalización pendiente", "Personalisatie in afwachting"}},
    {ds::personalization, {"Personalization", "Personalisierung", "Personnalisation", "Personalizzazione", "Personalización", "Personalisatie"}},
    {ds::message_ready, {"Message ready", "Nachricht bereit", "Message prêt", "Messaggio pronto", "Mensaje listo", "Bericht gereed"}},
    {ds::preparation_failed, {"Preparation failed", "Vorbereitung fehlgeschlagen", "Échec de la préparation", "Preparazione non riuscita", "Error en la preparación", "Voorbereiding mislukt"}},
    {ds::ready, {"Ready to deliver", "Versandbereit", "Prêt à être diffusé", "Pronto per la consegna", "Listo para enviar", "Klaar voor levering"}},
    {ds::start_pending, {"Start pending", "Start ausstehend", "Démarrage en attente", "Avvio in sospeso", "Inicio pendiente", "Start in afwachting"}},
    {ds::in_progress, {"In progress", "Wird ausgeführt", "En cours", "In corso", "En curso", "Bezig"}},
    {ds::retry_pending, {"Retry pending", "Neuversuch ausstehend", "Reprise en attente", "Nuovo tentativo in sospeso", "Reintento pendiente", "Nieuwe poging in afwachting"}},
    {ds::retry_in_progress, {"Retry in progress", "Neuversuch läuft", "Reprise en cours", "Nuovo tentativo in corso", "Reintento en curso", "Nieuwe poging bezig"}},
    {ds::pause_requested, {"Pause requested", "Pause angefordert", "Pause demandée", "Pausa richiesta", "Pausa solicitada", "Pauze aangevraagd"}},
    {ds::pause_in_progress, {"Pause in progress", "Pause wird ausgeführt", "Pause en cours", "Pausa in corso", "Pausa en curso", "Pauze bezig"}},
    {ds::paused, {"Paused", "Angehalten", "En pause", "In pausa", "En pausa", "Gepauzeerd"}},
    {ds::stopped, {"Stopped", "Gestoppt", "Arrêtée", "Interrotta", "Detenido", "Gestopt"}},
    {ds::failed, {"Failed", "Fehlgeschlagen", "En échec", "Non riuscita", "Fallido", "Mislukt"}},
    {ds::finished, {"Finished", "Beendet", "Terminée", "Completata", "Terminado", "Voltooid"}},
};

constexpr label_row<approval_mode> approval_mode_labels[] = {
    {approval_mode::manual, {"Manual", "Manuell", "Manuelle", "Manuale", "Manual", "Handmatig"}},
    {approval_mode::semi_automatic, {"Semi-automatic", "Halbautomatisch", "Semi-automatique", "Semiautomatica", "Semiautomática", "Halfautomatisch"}},
    {approval_mode::automatic, {"Automatic", "Automatisch", "Automatique", "Automatica", "Automática", "Automatisch"}},
};

using ls = log_status;
constexpr label_row<ls> log_status_labels[] = {
    {ls::pending, {"Pending", "Ausstehend", "En attente", "In sospeso", "Pendiente", "In afwachting"}},
    {ls::sent_to_provider, {"Sent to the service provider", "An den Dienstleister gesendet", "Envoyé au prestataire", "Inviato al fornitore di servizi", "Enviado al proveedor de servicios", "Verzonden naar de serviceprovider"}},
    {ls::taken_into_account, {"Taken into account by the service provider", "Vom Dienstleister berücksichtigt", "Pris en compte par le prestataire", "Preso in carico dal fornitore di servizi", "Aceptado por el proveedor de servicios", "Geaccepteerd door de serviceprovider"}},
    {ls::received_on_mobile, {"Received on mobile", "Auf dem Mobiltelefon empfangen", "Reçu sur le mobile", "Ricevuto sul cellulare", "Recibido en el móvil", "Ontvangen op mobiel"}},
    {ls::failed, {"Failed", "Fehlgeschlagen", "En échec", "Non riuscito", "Fallido", "Mislukt"}},
    {ls::ignored, {"Ignored", "Ignoriert", "Ignoré", "Ignorato", "Ignorado", "Genegeerd"}},
    {ls::canceled, {"Canceled", "Abgebrochen", "Annulé", "Annullato", "Cancelado", "Geannuleerd"}},
    {ls::not_applicable, {"Not applicable", "Nicht zutreffend", "Non applicable", "Non applicabile", "No aplicable", "Niet van toepassing"}},
};

constexpr label_row<failure_type> failure_type_labels[] = {
    {failure_type::not_defined, {"Not defined", "Nicht definiert", "Non défini", "Non definito", "No definido", "Niet gedefinieerd"}},
    {failure_type::hard, {"Hard", "Hardbounce", "Hard", "Permanente", "Permanente", "Hard"}},
    {failure_type::soft, {"Soft", "Softbounce", "Soft", "Temporaneo", "Temporal", "Soft"}},
    {failure_type::ignored, {"Ignored", "Ignoriert", "Ignoré", "Ignorato", "Ignorado", "Genegeerd"}},
};

using fr = failure_reason;
constexpr label_row<fr> failure_reason_labels[] = {
    {fr::not_defined, {"Not defined", "Nicht definiert", "Non défini", "Non definito", "No definido", "Niet gedefinieerd"}},
    {fr::user_unknown, {"User unknown", "Unbekannter Benutzer", "Utilisateur inconnu", "Utente sconosciuto", "Usuario desconocido", "Gebruiker onbekend"}},
    {fr::invalid_domain, {"Invalid domain", "Ungültige Domain", "Domaine invalide", "Dominio non valido", "Dominio no válido", "Ongeldig domein"}},
    {fr::unreachable, {"Unreachable", "Nicht erreichbar", "Injoignable", "Non raggiungibile", "Inaccesible", "Onbereikbaar"}},
    {fr::account_disabled, {"Account disabled", "Konto deaktiviert", "Compte désactivé", "Account disattivato", "Cuenta desactivada", "Account uitgeschakeld"}},
    {fr::mailbox_full, {"Mailbox full", "Postfach voll", "Boîte pleine", "Casella piena", "Buzón lleno", "Postvak vol"}},
    {fr::not_connected, {"Not connected", "Nicht verbunden", "Non connecté", "Non connesso", "No conectado", "Niet verbonden"}},
    {fr::address_not_specified, {"Address not specified", "Adresse nicht angegeben", "Adresse non renseignée", "Indirizzo non specificato", "Dirección no especificada", "Adres niet opgegeven"}},
    {fr::denylisted_address, {"Address on denylist", "Adresse auf Blockierungsliste", "Adresse sur liste de blocage", "Indirizzo in elenco di blocco", "Dirección en lista de bloqueo", "Adres op blokkeerlijst"}},
    {fr::quarantined_address, {"Address in quarantine", "Adresse in Quarantäne", "Adresse en quarantaine", "Indirizzo in quarantena", "Dirección en cuarentena", "Adres in quarantaine"}},
    {fr::duplicate, {"Duplicate", "Duplikat", "Doublon", "Duplicato", "Duplicado", "Duplicaat"}},
    {fr::excluded_by_rule, {"Excluded by a rule", "Durch eine Regel ausgeschlossen", "Exclu par une règle", "Escluso da una regola", "Excluido por una regla", "Uitgesloten door een regel"}},
    {fr::excluded_by_arbitration, {"Excluded by arbitration", "Durch Schlichtung ausgeschlossen", "Exclu par arbitrage", "Escluso dall'arbitraggio", "Excluido por arbitraje", "Uitgesloten door arbitrage"}},
    {fr::bad_quality_address, {"Address of poor quality", "Adresse von geringer Qualität", "Adresse de mauvaise qualité", "Indirizzo di scarsa qualità", "Dirección de baja calidad", "Adres van slechte kwaliteit"}},
    {fr::unqualified_address, {"Unqualified address", "Nicht qualifizierte Adresse", "Adresse non qualifiée", "Indirizzo non qualificato", "Dirección no calificada", "Niet-gekwalificeerd adres"}},
    {fr::not_eligible, {"Not eligible", "Nicht berechtigt", "Non éligible", "Non idoneo", "No apto", "Niet in aanmerking"}},
    {fr::target_size_limit, {"Target size limit", "Begrenzung der Zielgruppengröße", "Limitation de la taille de la cible", "Limite dimensione target", "Límite del tamaño del objetivo", "Limiet doelgroepgrootte"}},
    {fr::refused, {"Refused", "Abgelehnt", "Refusé", "Rifiutato", "Rechazado", "Geweigerd"}},
    {fr::error_ignored, {"Error ignored", "Fehler ignoriert", "Erreur ignorée", "Errore ignorato", "Error ignorado", "Fout genegeerd"}},
    {fr::text_too_long, {"Text too long", "Text zu lang", "Texte trop long", "Testo troppo lungo", "Texto demasiado largo", "Tekst te lang"}},
    {fr::unsupported_character, {"Unsupported character", "Nicht unterstütztes Zeichen", "Caractère non pris en charge", "Carattere non supportato", "Carácter no admitido", "Niet-ondersteund teken"}},
    {fr::invalid_phone_number, {"Invalid phone number", "Ungültige Telefonnummer", "Numéro de téléphone invalide", "Numero di telefono non valido", "Número de teléfono no válido", "Ongeldig telefoonnummer"}},
    {fr::opted_out, {"Opted out", "Abgemeldet", "Désabonné", "Disiscritto", "Baja voluntaria", "Afgemeld"}},
    {fr::over_budget, {"Over budget", "Budget überschritten", "Budget dépassé", "Oltre il budget", "Presupuesto superado", "Budget overschreden"}},
    {fr::control_address, {"Control group", "Kontrollgruppe", "Groupe de contrôle", "Gruppo di controllo", "Grupo de control", "Controlegroep"}},
};

using qs = quarantine_status;
constexpr label_row<qs> quarantine_status_labels[] = {
    {qs::unknown, {"Unknown", "Unbekannt", "Inconnu", "Sconosciuto", "Desconocido", "Onbekend"}},
    {qs::with_errors, {"With errors", "Mit Fehlern", "Avec erreurs", "Con errori", "Con errores", "Met fouten"}},
    {qs::valid, {"Valid", "Gültig", "Valide", "Valido", "Válido", "Geldig"}},
    {qs::denylisted, {"On denylist", "Auf Blockierungsliste", "Sur liste de blocage", "In elenco di blocco", "En lista de bloqueo", "Op blokkeerlijst"}},
    {qs::quarantine, {"Quarantine", "Quarantäne", "Quarantaine", "Quarantena", "Cuarentena", "Quarantaine"}},
    {qs::allowlisted, {"On allowlist", "Auf Zulassungsliste", "Sur liste autorisée", "In elenco consentiti", "En lista de permitidos", "Op toestemmingslijst"}},
};

constexpr label_row<qualification_status> qualification_status_labels[] = {
    {qualification_status::to_qualify, {"To qualify", "Zu qualifizieren", "À qualifier", "Da qualificare", "Por calificar", "Te kwalificeren"}},
    {qualification_status::keep, {"Keep", "Beibehalten", "Conserver", "Mantieni", "Conservar", "Behouden"}},
    {qualification_status::ignore, {"Ignore", "Ignorieren", "Ignorer", "Ignora", "Ignorar", "Negeren"}},
};

constexpr label_row<tracked_url_type> tracked_url_type_labels[] = {
    {tracked_url_type::click, {"Click", "Klick", "Clic", "Clic", "Clic", "Klik"}},
    {tracked_url_type::open, {"Open", "Öffnung", "Ouverture", "Apertura", "Apertura", "Opening"}},
    {tracked_url_type::opt_out, {"Opt-out", "Abmeldung", "Désinscription", "Disiscrizione", "Baja", "Afmelding"}},
    {tracked_url_type::web, {"Web", "Web", "Web", "Web", "Web", "Web"}},
    {tracked_url_type::transaction, {"Transaction", "Transaktion", "Transaction", "Transazione", "Transacción", "Transactie"}},
    {tracked_url_type::mirror, {"Mirror page", "Mirrorseite", "Page miroir", "Pagina mirror", "Página espejo", "Spiegelpagina"}},
};

constexpr label_row<tracking_mode> tracking_mode_labels[] = {
    {tracking_mode::enabled, {"Tracked", "Getrackt", "Tracké", "Tracciato", "Con seguimiento", "Gevolgd"}},
    {tracking_mode::not_tracked, {"Not tracked", "Nicht getrackt", "Non tracké", "Non tracciato", "Sin seguimiento", "Niet gevolgd"}},
    {tracking_mode::always, {"Always", "Immer", "Toujours", "Sempre", "Siempre", "Altijd"}},
    {tracking_mode::never, {"Never", "Nie", "Jamais", "Mai", "Nunca", "Nooit"}},
    {tracking_mode::opt_out, {"Opt-out", "Abmeldung", "Désinscription", "Disiscrizione", "Baja", "Afmelding"}},
    {tracking_mode::mirror, {"Mirror page", "Mirrorseite", "Page miroir", "Pagina mirror", "Página espejo", "Spiegelpagina"}},
};

constexpr label_row<click_class> click_class_labels[] = {
    {click_class::human, {"Person", "Person", "Personne", "Persona", "Persona", "Persoon"}},
    {click_class::link_preview, {"Link preview", "Linkvorschau", "Aperçu de lien", "Anteprima del link",
                                 "Vista previa del enlace", "Linkvoorbeeld"}},
    {click_class::security_scanner, {"Security scanner", "Sicherheitsscanner", "Scanner de sécurité",
                                     "Scanner di sicurezza", "Escáner de seguridad", "Beveiligingsscanner"}},
    {click_class::crawler, {"Crawler or bot", "Crawler oder Bot", "Robot d'exploration", "Crawler o bot",
                            "Rastreador o bot", "Crawler of bot"}},
    {click_class::prefetch, {"Prefetch", "Vorabruf", "Préchargement", "Precaricamento", "Precarga", "Prefetch"}},
};

constexpr label_row<sms_encoding> sms_encoding_labels[] = {
    {sms_encoding::gsm7, {"GSM-7", "GSM-7", "GSM-7", "GSM-7", "GSM-7", "GSM-7"}},
    {sms_encoding::latin1, {"Latin-1", "Latin-1", "Latin-1", "Latin-1", "Latin-1", "Latin-1"}},
    {sms_encoding::ucs2, {"UCS-2", "UCS-2", "UCS-2", "UCS-2", "UCS-2", "UCS-2"}},
};

constexpr label_row<number_type> number_type_labels[] = {
    {number_type::unknown, {"Unknown type", "Unbekannter Typ", "Type inconnu", "Tipo sconosciuto", "Tipo desconocido", "Onbekend type"}},
    {number_type::mobile, {"Mobile", "Mobilfunk", "Mobile", "Cellulare", "Móvil", "Mobiel"}},
    {number_type::fixed_line, {"Fixed line", "Festnetz", "Fixe", "Rete fissa", "Fijo", "Vast"}},
    {number_type::fixed_line_or_mobile, {"Fixed line or mobile", "Festnetz oder Mobilfunk", "Fixe ou mobile", "Fisso o cellulare", "Fijo o móvil", "Vast of mobiel"}},
    {number_type::toll_free, {"Toll free", "Gebührenfrei", "Numéro vert", "Numero verde", "Gratuito", "Gratis nummer"}},
    {number_type::premium_rate, {"Premium rate", "Mehrwertdienst", "Surtaxé", "Tariffa maggiorata", "Tarificación adicional", "Betaalnummer"}},
    {number_type::shared_cost, {"Shared cost", "Geteilte Kosten", "Coût partagé", "Costo ripartito", "Coste compartido", "Gedeelde kosten"}},
    {number_type::voip, {"VoIP", "VoIP-Nummer", "Voix sur IP", "VoIP (voce su IP)", "Voz sobre IP", "VoIP-nummer"}},
    {number_type::personal_number, {"Personal number", "Persönliche Nummer", "Numéro personnel", "Numero personale", "Número personal", "Persoonlijk nummer"}},
    {number_type::pager, {"Pager", "Funkrufempfänger", "Récepteur d’appel", "Cercapersone", "Buscapersonas", "Semafoon"}},
    {number_type::uan, {"Universal access number", "Universelle Zugangsnummer", "Numéro d’accès universel", "Numero di accesso universale", "Número de acceso universal", "Universeel toegangsnummer"}},
    {number_type::voicemail, {"Voicemail", "Mailbox", "Messagerie vocale", "Segreteria telefonica", "Buzón de voz", "Voicemail"}},
};

constexpr label_row<reply_action> reply_action_labels[] = {
    {reply_action::none, {"No action", "Keine Aktion", "Aucune action", "Nessuna azione", "Ninguna acción", "Geen actie"}},
    {reply_action::send_to_quarantine, {"Send to quarantine", "In Quarantäne setzen", "Mettre en quarantaine", "Mettere in quarantena", "Poner en cuarentena", "In quarantaine plaatsen"}},
    {reply_action::remove_from_quarantine, {"Remove from quarantine", "Aus der Quarantäne nehmen", "Retirer de la quarantaine", "Togliere dalla quarantena", "Sacar de la cuarentena", "Uit quarantaine halen"}},
};

constexpr label_row<audit_severity> audit_severity_labels[] = {
    {audit_severity::info, {"Info", "Info", "Info", "Info", "Información", "Info"}},
    {audit_severity::warning, {"Warning", "Warnung", "Avertissement", "Avviso", "Advertencia", "Waarschuwing"}},
    {audit_severity::error, {"Error", "Fehler", "Erreur", "Errore", "Error", "Fout"}},
};

using ac = audit_code;
constexpr label_row<ac> audit_code_labels[] = {
    {ac::delivery_created, {"Delivery created", "Versand erstellt", "Diffusion créée", "Consegna creata", "Envío creado", "Levering aangemaakt"}},
    {ac::content_edited, {"Content edited", "Inhalt bearbeitet", "Contenu modifié", "Contenuto modificato", "Contenido editado", "Inhoud bewerkt"}},
    {ac::analysis_started, {"Analysis started", "Analyse gestartet", "Analyse démarrée", "Analisi avviata", "Análisis iniciado", "Analyse gestart"}},
    {ac::rules_loaded, {"Rules loaded", "Regeln geladen", "Règles chargées", "Regole caricate", "Reglas cargadas", "Regels geladen"}},
    {ac::exclusions_summary, {"Exclusions", "Ausschlüsse", "Exclusions", "Esclusioni", "Exclusiones", "Uitsluitingen"}},
    {ac::logs_created, {"Delivery logs created", "Versandlogs erstellt", "Logs de diffusion créés", "Log di consegna creati", "Registros de envío creados", "Leveringslogboeken aangemaakt"}},
    {ac::content_frozen, {"Content frozen", "Inhalt gesperrt", "Contenu figé", "Contenuto bloccato", "Contenido bloqueado", "Inhoud vastgezet"}},
    {ac::analysis_warning, {"Analysis warning", "Analysewarnung", "Avertissement d'analyse", "Avviso di analisi", "Advertencia de análisis", "Analysewaarschuwing"}},
    {ac::analysis_finished, {"Analysis finished", "Analyse beendet", "Analyse terminée", "Analisi completata", "Análisis terminado", "Analyse voltooid"}},
    {ac::analysis_discarded, {"Analysis discarded", "Analyse verworfen", "Analyse abandonnée", "Analisi scartata", "Análisis descartado", "Analyse verworpen"}},
    {ac::delivery_started, {"Delivery started", "Versand gestartet", "Diffusion démarrée", "Consegna avviata", "Envío iniciado", "Levering gestart"}},
    {ac::delivery_paused, {"Delivery paused", "Versand angehalten", "Diffusion en pause", "Consegna in pausa", "Envío en pausa", "Levering gepauzeerd"}},
    {ac::delivery_resumed, {"Delivery resumed", "Versand fortgesetzt", "Diffusion reprise", "Consegna ripresa", "Envío reanudado", "Levering hervat"}},
    {ac::delivery_stopped, {"Delivery stopped", "Versand gestoppt", "Diffusion arrêtée", "Consegna interrotta", "Envío detenido", "Levering gestopt"}},
    {ac::retry_scheduled, {"Retry scheduled", "Neuversuch geplant", "Reprise planifiée", "Nuovo tentativo pianificato", "Reintento programado", "Nieuwe poging gepland"}},
    {ac::unknown_message_ids, {"Unknown message ids", "Unbekannte Nachrichten-IDs", "Identifiants de message inconnus", "ID messaggio sconosciuti", "Identificadores de mensaje desconocidos", "Onbekende bericht-ID's"}},
    {ac::validity_ended, {"Validity ended", "Gültigkeit abgelaufen", "Fin de validité", "Validità scaduta", "Validez finalizada", "Geldigheid verlopen"}},
    {ac::logs_canceled, {"Delivery logs canceled", "Versandlogs abgebrochen", "Logs de diffusion annulés", "Log di consegna annullati", "Registros de envío cancelados", "Leveringslogboeken geannuleerd"}},
    {ac::delivery_finished, {"Delivery finished", "Versand beendet", "Diffusion terminée", "Consegna completata", "Envío terminado", "Levering voltooid"}},
    {ac::receipts_timed_out, {"Receipts timed out", "Zustellberichte ausgeblieben", "Accusés de réception expirés", "Ricevute di consegna scadute", "Acuses de recibo vencidos", "Ontvangstbevestigingen verlopen"}},
    {ac::indicators_recomputed, {"Indicators recomputed", "Indikatoren neu berechnet", "Indicateurs recalculés", "Indicatori ricalcolati", "Indicadores recalculados", "Indicatoren herberekend"}},
    {ac::storage_error, {"Storage error", "Speicherfehler", "Erreur de stockage", "Errore di archiviazione", "Error de almacenamiento", "Opslagfout"}},
};

constexpr label_row<view_name> view_name_labels[] = {
    {view_name::summary, {"Summary", "Zusammenfassung", "Résumé", "Summary", "Summary", "Summary"}},
    {view_name::sms, {"SMS", "SMS", "SMS", "SMS", "SMS", "SMS"}},
    {view_name::delivery, {"Delivery", "Versand", "Diffusion", "Delivery", "Delivery", "Delivery"}},
    {view_name::exclusions, {"Exclusions", "Ausschlüsse", "Exclusions", "Exclusions", "Exclusions", "Exclusions"}},
    {view_name::tracking, {"Tracking", "Tracking", "Tracking", "Tracking", "Tracking", "Tracking"}},
    {view_name::audit, {"Audit", "Audit", "Audit", "Audit", "Audit", "Audit"}},
};

constexpr label_row<sub_view_name> sub_view_name_labels[] = {
    {sub_view_name::delivery_logs, {"Delivery logs", "Versandlogs", "Logs de diffusion", "Log di consegna", "Registros de envío", "Leveringslogboeken"}},
    {sub_view_name::exclusion_logs, {"Exclusions", "Ausschlüsse", "Exclusions", "Esclusioni", "Exclusiones", "Uitsluitingen"}},
    {sub_view_name::tracking_logs, {"Tracking logs", "Trackinglogs", "Logs de tracking", "Log di tracciamento", "Registros de seguimiento", "Trackinglogboeken"}},
    {sub_view_name::tracked_urls, {"URLs", "URLs", "URL", "URL", "URL", "URL's"}},
    {sub_view_name::journal, {"Journal", "Journal", "Journal", "Registro", "Diario", "Logboek"}},
    {sub_view_name::causes_of_exclusion, {"Causes of exclusions", "Ausschlussursachen", "Causes des exclusions", "Cause di esclusione", "Causas de exclusión", "Oorzaken van uitsluitingen"}},
    {sub_view_name::proofs, {"Proofs", "Testsendungen", "BAT", "Bozze", "Pruebas", "Proeven"}},
    {sub_view_name::routes, {"Routes", "Routen", "Routes", "Rotte", "Rutas", "Routes"}},
};

constexpr label_row<throughput_scale> throughput_scale_labels[] = {
    {throughput_scale::one_hour, {"1 hour", "1 Stunde", "1 heure", "1 ora", "1 hora", "1 uur"}},
    {throughput_scale::three_hours, {"3 hours", "3 Stunden", "3 heures", "3 ore", "3 horas", "3 uur"}},
    {throughput_scale::twenty_four_hours, {"24 hours", "24 Stunden", "24 heures", "24 ore", "24 horas", "24 uur"}},
};

constexpr label_row<language> language_labels[] = {
    {language::en, {"English", "Englisch", "Anglais", "Inglese", "Inglés", "Engels"}},
    {language::de, {"German", "Deutsch", "Allemand", "Tedesco", "Alemán", "Duits"}},
    {language::fr, {"French", "Französisch", "Français", "Francese", "Francés", "Frans"}},
    {language::it, {"Italian", "Italienisch", "Italien", "Italiano", "Italiano", "Italiaans"}},
    {language::es, {"Spanish", "Spanisch", "Espagnol", "Spagnolo", "Español", "Spaans"}},
    {language::nl, {"Dutch", "Niederländisch", "Néerlandais", "Olandese", "Neerlandés", "Nederlands"}},
};

}  // namespace

result<language> parse_language(std::string_view code) {
  constexpr std::array<std::string_view, language_count> codes{"en", "de", "fr", "it", "es", "nl"};
  for (std::size_t i = 0; i < codes.size(); ++i) {
    if (codes[i] == code) return static_cast<language>(i);
  }
  return error{errc::invalid_argument,
               "unknown language " + quote_input(code, 16) + " (expected en, de, fr, it, es or nl)"};
}

#define SMSTRACK_LABEL_LOOKUP(type, table)                                  \
  std::string_view label(type value, language lang) noexcept {             \
    return find_label<type>(std::span<const label_row<type>>(table), value, lang); \
  }

SMSTRACK_LABEL_LOOKUP(delivery_state, delivery_state_labels)
SMSTRACK_LABEL_LOOKUP(approval_mode, approval_mode_labels)
SMSTRACK_LABEL_LOOKUP(log_status, log_status_labels)
SMSTRACK_LABEL_LOOKUP(failure_type, failure_type_labels)
SMSTRACK_LABEL_LOOKUP(failure_reason, failure_reason_labels)
SMSTRACK_LABEL_LOOKUP(quarantine_status, quarantine_status_labels)
SMSTRACK_LABEL_LOOKUP(qualification_status, qualification_status_labels)
SMSTRACK_LABEL_LOOKUP(tracked_url_type, tracked_url_type_labels)
SMSTRACK_LABEL_LOOKUP(tracking_mode, tracking_mode_labels)
SMSTRACK_LABEL_LOOKUP(click_class, click_class_labels)
SMSTRACK_LABEL_LOOKUP(sms_encoding, sms_encoding_labels)
SMSTRACK_LABEL_LOOKUP(number_type, number_type_labels)
SMSTRACK_LABEL_LOOKUP(reply_action, reply_action_labels)
SMSTRACK_LABEL_LOOKUP(audit_severity, audit_severity_labels)
SMSTRACK_LABEL_LOOKUP(audit_code, audit_code_labels)
SMSTRACK_LABEL_LOOKUP(view_name, view_name_labels)
SMSTRACK_LABEL_LOOKUP(sub_view_name, sub_view_name_labels)
SMSTRACK_LABEL_LOOKUP(throughput_scale, throughput_scale_labels)
SMSTRACK_LABEL_LOOKUP(language, language_labels)

#undef SMSTRACK_LABEL_LOOKUP

SMSTRACK_END_NAMESPACE
