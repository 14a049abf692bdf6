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
  /**
   * Mailbox providers: their IPs also carry other customers' mail and mail forwarded by users, so
   * an IP of theirs is the domain's own sender only when the domain authorizes it (SPF today, an
   * aligned DKIM signature, or some DMARC-passing mail from it).
   */
  shared: boolean;
  /** The provider's name for aligned DKIM signing with the customer's domain. */
  dkimSetup: string;
  /** How to get an aligned MAIL FROM (return-path) at this provider, if it offers one. */
  returnPathSetup: string | null;
  docs: string;
}

export const SENDER_CATALOG: readonly SenderService[] = [
  {
    id: 'google-workspace',
    name: 'Google Workspace',
    ptrSuffixes: ['google.com'],
    spfIncludes: ['_spf.google.com'],
    dkimDomains: ['gappssmtp.com'],
    shared: true,
    dkimSetup: 'DKIM authentication in the Admin console (Apps > Google Workspace > Gmail > Authenticate email)',
    returnPathSetup: null,
    docs: 'https://support.google.com/a/answer/174124',
  },
  {
    id: 'microsoft-365',
    name: 'Microsoft 365',
    ptrSuffixes: ['outbound.protection.outlook.com'],
    spfIncludes: ['spf.protection.outlook.com'],
    dkimDomains: ['onmicrosoft.com'],
    shared: true,
    dkimSetup: 'DKIM signing for the custom domain in the Defender portal (the selector1/selector2 CNAMEs)',
    returnPathSetup: null,
    docs: 'https://learn.microsoft.com/en-us/defender-office-365/email-authentication-dkim-configure',
  },
  {
    id: 'amazon-ses',
    name: 'Amazon SES',
    ptrSuffixes: ['amazonses.com'],
    spfIncludes: ['amazonses.com'],
    dkimDomains: ['amazonses.com'],
    shared: false,
    dkimSetup: 'Easy DKIM for the verified domain',
    returnPathSetup: 'a custom MAIL FROM domain',
    docs: 'https://docs.aws.amazon.com/ses/latest/dg/send-email-authentication-dkim-easy.html',
  },
  {
    id: 'sendgrid',
    name: 'SendGrid',
    ptrSuffixes: ['sendgrid.net'],
    spfIncludes: ['sendgrid.net'],
    dkimDomains: ['sendgrid.net'],
    shared: false,
    dkimSetup: 'domain authentication',
    returnPathSetup: 'domain authentication (it sets up the return path too)',
    docs: 'https://www.twilio.com/docs/sendgrid/ui/account-and-settings/how-to-set-up-domain-authentication',
  },
  {
    id: 'mailchimp',
    name: 'Mailchimp',
    ptrSuffixes: ['mcsv.net', 'rsgsv.net', 'mcdlv.net'],
    spfIncludes: ['servers.mcsv.net'],
    dkimDomains: ['mcsv.net', 'mcdlv.net', 'mailchimpapp.net'],
    shared: false,
    dkimSetup: 'email domain authentication',
    returnPathSetup: null,
    docs: 'https://mailchimp.com/help/set-up-email-domain-authentication/',
  },
  {
    id: 'mandrill',
    name: 'Mailchimp Transactional (Mandrill)',
    ptrSuffixes: ['mandrillapp.com'],
    spfIncludes: ['spf.mandrillapp.com'],
    dkimDomains: ['mandrillapp.com'],
    shared: false,
    dkimSetup: 'sending domain DKIM verification',
    returnPathSetup: 'a custom return-path domain',
    docs: 'https://mailchimp.com/developer/transactional/docs/authentication-delivery/',
  },
  {
    id: 'salesforce',
    name: 'Salesforce',
    ptrSuffixes: ['salesforce.com'],
    spfIncludes: ['_spf.salesforce.com'],
    dkimDomains: ['salesforce.com'],
    shared: false,
    dkimSetup: 'a DKIM key (Setup > DKIM Keys)',
    returnPathSetup: null,
    docs: 'https://help.salesforce.com/s/articleView?id=sf.emailadmin_create_secure_dkim.htm',
  },
  {
    id: 'zendesk',
    name: 'Zendesk',
    ptrSuffixes: ['zendesk.com'],
    spfIncludes: ['mail.zendesk.com'],
    dkimDomains: ['zendesk.com', 'zendesk1.com', 'zendesk2.com'],
    shared: false,
    dkimSetup: 'digital signatures (the zendesk1/zendesk2 _domainkey CNAMEs)',
    returnPathSetup: null,
    docs: 'https://support.zendesk.com/hc/en-us/articles/4408822303386',
  },
  {
    id: 'hubspot',
    name: 'HubSpot',
    ptrSuffixes: ['hubspotemail.net'],
    spfIncludes: [],
    dkimDomains: ['hubspotemail.net', 'hubspotstarter.net'],
    shared: false,
    dkimSetup: 'a connected email sending domain',
    returnPathSetup: 'a connected email sending domain',
    docs: 'https://knowledge.hubspot.com/marketing-email/manage-email-authentication-in-hubspot',
  },
  {
    id: 'mailgun',
    name: 'Mailgun',
    ptrSuffixes: ['mailgun.net'],
    spfIncludes: ['mailgun.org'],
    dkimDomains: ['mailgun.org'],
    shared: false,
    dkimSetup: 'a verified sending domain',
    returnPathSetup: 'a verified sending domain',
    docs: 'https://documentation.mailgun.com/docs/mailgun/user-manual/domains/domains-verify',
  },
  {
    id: 'postmark',
    name: 'Postmark',
    ptrSuffixes: ['mtasv.net'],
    spfIncludes: ['spf.mtasv.net'],
    dkimDomains: ['mtasv.net'],
    shared: false,
    dkimSetup: 'DKIM for the sender signature domain',
    returnPathSetup: 'a custom Return-Path',
    docs: 'https://postmarkapp.com/support/article/1090-how-do-i-set-up-dkim-for-postmark',
  },
  {
    id: 'brevo',
    name: 'Brevo (Sendinblue)',
    ptrSuffixes: ['sendinblue.com', 'brevo.com'],
    spfIncludes: ['spf.sendinblue.com', 'spf.brevo.com'],
    dkimDomains: ['sendinblue.com', 'brevo.com'],
    shared: false,
    dkimSetup: 'domain authentication',
    returnPathSetup: null,
    docs: 'https://help.brevo.com/hc/en-us/articles/12163873383186',
  },
];

/** `name` is `suffix` or a name under it. */
export const underDomain = (name: string, suffix: string): boolean => name === suffix || name.endsWith(`.${suffix}`);
