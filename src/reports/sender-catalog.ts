/**
 * Built-in catalog of big senders and ESPs: how to recognise their sending IPs (forward-confirmed
 * PTR suffix, the SPF include that authorizes them, the DKIM domain they sign with by default) and
 * how to make their mail pass DMARC for the customer's domain, each with the provider's own
 * documentation. Data only; src/reports/identify.ts matches against it.
 */

export interface SenderService {
  id: string;
  name: string;
  /** A forward-confirmed PTR name equal to or under one of these. */
  ptrSuffixes: readonly string[];
  /** The SPF include a customer adds; a check_host() pass through it identifies the service too. */
  spfIncludes: readonly string[];
  /** d= the service signs with when the customer's domain is not set up; matched as suffixes. */
  dkimDomains: readonly string[];
  /** MAIL FROM (bounce) domains of its own it uses when no custom one is set up, beyond the two above. */
  mailFromDomains: readonly string[];
  /**
   * Mailbox providers: their IPs also carry other customers' mail and mail forwarded by users, so
   * an IP of theirs is the domain's own sender only when the domain authorizes it (SPF today, an
   * aligned DKIM signature, or some DMARC-passing mail from it).
   */
  shared: boolean;
  /** The provider's name for aligned DKIM signing with the customer's domain. */
  dkimSetup: string;
  /**
   * How to get an aligned MAIL FROM (return path) at this provider, if it offers one, and the SPF
   * include to publish at that domain when the provider asks for a TXT record there (null when its
   * setup is a CNAME to the provider, whose SPF record then answers).
   */
  returnPath: { setup: string; spfInclude: string | null } | null;
  docs: string;
}

/*
 * What each entry was checked against (2025–2026 copies of the pages; "seen" means real message
 * headers in public mailing-list archives, where the name is the forward-confirmed PTR of the IP):
 */
export const SENDER_CATALOG: readonly SenderService[] = [
  // Google: support.google.com/a/answer/174124 (DKIM; without it Gmail signs d=*.gappssmtp.com),
  // _spf.google.com as Google's documented SPF value; PTR mail-*.google.com seen.
  {
    id: 'google-workspace',
    name: 'Google Workspace',
    ptrSuffixes: ['google.com'],
    spfIncludes: ['_spf.google.com'],
    dkimDomains: ['gappssmtp.com'],
    mailFromDomains: [],
    shared: true,
    dkimSetup: 'DKIM authentication in the Admin console (Apps > Google Workspace > Gmail > Authenticate email)',
    returnPath: null,
    docs: 'https://support.google.com/a/answer/174124',
  },
  // Microsoft: the DKIM and SPF pages of learn.microsoft.com/defender-office-365 (MicrosoftDocs/defender-docs):
  // mail is signed with the initial *.onmicrosoft.com domain until the selector1/selector2 CNAMEs are
  // published; include:spf.protection.outlook.com. PTR mail-*.outbound.protection.outlook.com seen.
  {
    id: 'microsoft-365',
    name: 'Microsoft 365',
    ptrSuffixes: ['outbound.protection.outlook.com'],
    spfIncludes: ['spf.protection.outlook.com'],
    dkimDomains: ['onmicrosoft.com'],
    mailFromDomains: [],
    shared: true,
    dkimSetup: 'DKIM signing for the custom domain in the Defender portal (the selector1/selector2 CNAMEs)',
    returnPath: null,
    docs: 'https://learn.microsoft.com/en-us/defender-office-365/email-authentication-dkim-configure',
  },
  // Amazon SES: the Easy DKIM page; the SPF and custom MAIL FROM pages (default MAIL FROM a subdomain
  // of amazonses.com; a custom one needs an MX record and an SPF record with include:amazonses.com).
  {
    id: 'amazon-ses',
    name: 'Amazon SES',
    ptrSuffixes: ['amazonses.com'],
    spfIncludes: ['amazonses.com'],
    dkimDomains: ['amazonses.com'],
    mailFromDomains: [],
    shared: false,
    dkimSetup: 'Easy DKIM for the verified domain',
    returnPath: { setup: 'a custom MAIL FROM domain', spfInclude: 'amazonses.com' },
    docs: 'https://docs.aws.amazon.com/ses/latest/dg/send-email-authentication-dkim-easy.html',
  },
  // SendGrid: twilio.com/docs/sendgrid (domain authentication replaces sendgrid.net; with automated
  // security it is three CNAMEs, the return path em<n> into <u>.wl.sendgrid.net, so no include).
  {
    id: 'sendgrid',
    name: 'SendGrid',
    ptrSuffixes: ['sendgrid.net'],
    spfIncludes: ['sendgrid.net'],
    dkimDomains: ['sendgrid.net'],
    mailFromDomains: [],
    shared: false,
    dkimSetup: 'domain authentication',
    returnPath: { setup: 'domain authentication (its CNAMEs set up the return path too)', spfInclude: null },
    docs: 'https://www.twilio.com/docs/sendgrid/ui/account-and-settings/how-to-set-up-domain-authentication',
  },
  // Mailchimp: its help article "Set Up Email Domain Authentication" (two DKIM CNAMEs; no return-path
  // setting). Seen: PTR and MAIL FROM mail*.mcdlv.net and *.rsgsv.net, d=mcsv.net, d=mailchimpapp.net.
  // servers.mcsv.net: the include Mailchimp used to ask for, still in many records.
  {
    id: 'mailchimp',
    name: 'Mailchimp',
    ptrSuffixes: ['mcsv.net', 'rsgsv.net', 'mcdlv.net'],
    spfIncludes: ['servers.mcsv.net'],
    dkimDomains: ['mcsv.net', 'mailchimpapp.net'],
    mailFromDomains: ['mcdlv.net', 'rsgsv.net'],
    shared: false,
    dkimSetup: 'email domain authentication',
    returnPath: null,
    docs: 'https://mailchimp.com/help/set-up-email-domain-authentication/',
  },
  // Mandrill: mailchimp.com/developer (authentication-delivery; the 2024 release note: mte1/mte2 CNAMEs
  // into dkim1/dkim2.mandrillapp.com), its knowledge base on custom Return-Path domains (a CNAME, under
  // Settings > Tracking & Return Path Domains). Seen: PTR mail*.mandrillapp.com, MAIL FROM and d=mandrillapp.com.
  {
    id: 'mandrill',
    name: 'Mailchimp Transactional (Mandrill)',
    ptrSuffixes: ['mandrillapp.com'],
    spfIncludes: ['spf.mandrillapp.com'],
    dkimDomains: ['mandrillapp.com'],
    mailFromDomains: [],
    shared: false,
    dkimSetup: 'DKIM for the sending domain (the mte1/mte2 _domainkey CNAMEs)',
    returnPath: { setup: 'a custom Return Path domain (Settings > Tracking & Return Path Domains)', spfInclude: null },
    docs: 'https://mailchimp.com/developer/transactional/docs/authentication-delivery/',
  },
  // Salesforce: help.salesforce.com "Create a DKIM Key" and knowledge article 000315520 (include
  // _spf.salesforce.com). Seen: PTR smtp*.mta.salesforce.com, MAIL FROM *.bnc.salesforce.com. No
  // platform DKIM domain: d=salesforce.com is Salesforce's own staff mail, so it identifies nothing.
  {
    id: 'salesforce',
    name: 'Salesforce',
    ptrSuffixes: ['mta.salesforce.com'],
    spfIncludes: ['_spf.salesforce.com'],
    dkimDomains: [],
    mailFromDomains: [],
    shared: false,
    dkimSetup: 'a DKIM key (Setup > DKIM Keys)',
    returnPath: null,
    docs: 'https://help.salesforce.com/s/articleView?id=sales.emailadmin_create_secure_dkim.htm',
  },
  // Zendesk: support articles 4408822303386 (DKIM: zendesk1/zendesk2 CNAMEs) and 4867238761626
  // (include:mail.zendesk.com). Seen: PTR outbyoip*.zdsys.com, d=zendesk.com (s=zendesk1/2), and the
  // support address itself as MAIL FROM, so that include is what aligns SPF.
  {
    id: 'zendesk',
    name: 'Zendesk',
    ptrSuffixes: ['zdsys.com'],
    spfIncludes: ['mail.zendesk.com'],
    dkimDomains: ['zendesk.com'],
    mailFromDomains: [],
    shared: false,
    dkimSetup: 'digital signatures (the zendesk1/zendesk2 _domainkey CNAMEs)',
    returnPath: { setup: 'its default return path (the support address)', spfInclude: 'mail.zendesk.com' },
    docs: 'https://support.zendesk.com/hc/en-us/articles/4408822303386',
  },
  // HubSpot: knowledge.hubspot.com "Manage your email authentication" (two DKIM CNAMEs; the include it
  // shows is account-specific, so none here; an aligned return path only with a dedicated IP, an
  // add-on, so none offered). Seen: PTR *.hubspotemail.net, d= and MAIL FROM *.hubspotemail.net and *.hubspotstarter.net.
  {
    id: 'hubspot',
    name: 'HubSpot',
    ptrSuffixes: ['hubspotemail.net'],
    spfIncludes: [],
    dkimDomains: ['hubspotemail.net', 'hubspotstarter.net'],
    mailFromDomains: [],
    shared: false,
    dkimSetup: 'a connected email sending domain',
    returnPath: null,
    docs: 'https://knowledge.hubspot.com/domains-and-urls/connect-your-email-sending-domain',
  },
  // Mailgun: documentation.mailgun.com "Domain Verification" (include:mailgun.org at the sending
  // domain, which is also the return path; unverified mail goes "via mailgun.org"). Seen: PTR *.mailgun.net.
  {
    id: 'mailgun',
    name: 'Mailgun',
    ptrSuffixes: ['mailgun.net'],
    spfIncludes: ['mailgun.org'],
    dkimDomains: ['mailgun.org'],
    mailFromDomains: [],
    shared: false,
    dkimSetup: 'a verified sending domain',
    returnPath: { setup: 'a verified sending domain', spfInclude: 'mailgun.org' },
    docs: 'https://documentation.mailgun.com/docs/mailgun/user-manual/domains/domains-verify',
  },
  // Postmark: its support article 1090 (DKIM) and custom Return-Path (pm-bounces CNAME into
  // pm.mtasv.net; default MAIL FROM pm.mtasv.net), include:spf.mtasv.net as it documented before.
  {
    id: 'postmark',
    name: 'Postmark',
    ptrSuffixes: ['mtasv.net'],
    spfIncludes: ['spf.mtasv.net'],
    dkimDomains: ['mtasv.net'],
    mailFromDomains: [],
    shared: false,
    dkimSetup: 'DKIM for the sender signature domain',
    returnPath: { setup: 'a custom Return-Path (a CNAME into pm.mtasv.net)', spfInclude: null },
    docs: 'https://postmarkapp.com/support/article/1090-how-do-i-set-up-dkim-for-postmark',
  },
  // Brevo: help.brevo.com "Authenticate your domain" (Brevo code, DKIM, DMARC); include:spf.sendinblue.com
  // in its setup instructions. Seen: d=sendinblue.com, MAIL FROM *.d.sender-sib.com and *.d.mailin.fr.
  // No PTR suffix, brevo.com d= or spf.brevo.com include could be confirmed, so none is listed.
  {
    id: 'brevo',
    name: 'Brevo (Sendinblue)',
    ptrSuffixes: [],
    spfIncludes: ['spf.sendinblue.com'],
    dkimDomains: ['sendinblue.com'],
    mailFromDomains: ['sender-sib.com', 'mailin.fr'],
    shared: false,
    dkimSetup: 'domain authentication (Brevo code, DKIM and DMARC records)',
    returnPath: null,
    docs: 'https://help.brevo.com/hc/en-us/sections/12170672459666-Authenticate-your-domain',
  },
];

/** `name` is `suffix` or a name under it. */
export const underDomain = (name: string, suffix: string): boolean => name === suffix || name.endsWith(`.${suffix}`);
